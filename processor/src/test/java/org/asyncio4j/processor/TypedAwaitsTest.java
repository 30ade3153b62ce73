package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.tools.JavaFileObject;

import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Queue gets and puts and lock acquires awaited by generated code. {@code Await.of(q.get())}
 * compiles to the await made for the queue's {@code Getting} type (javac picks it by the
 * expression's type), which runs Python's get() in the await itself; likewise {@code put}, {@code
 * acquire} and {@code try (lock)} on a variable typed {@code Lock}. The same bodies with the awaited
 * expression typed {@code Awaitable} (the lock typed {@code AsyncCloseable}) go through the general
 * await (the task's step runs the operation). Every scenario runs both ways, and in debug mode,
 * and must give one transcript: the one asyncio's rules give, checked here.
 */
class TypedAwaitsTest {
  private static final String TEMPLATE =
      "package t;\n"
          + "import java.util.ArrayList;\n"
          + "import java.util.List;\n"
          + "import org.asyncio4j.*;\n"
          + "public final class NAME {\n"
          + "  static <T> Awaitable<T> general(Awaitable<T> a) { return a; }\n"
          + "  @Async\n"
          + "  static Coroutine<String> pipe(int max, int n) {\n"
          + "    Queue<Integer> q = new Queue<>(max);\n"
          + "    List<String> log = new ArrayList<>();\n"
          + "    Task<Long> c = Asyncio.createTask(NAMEAsync.consume(q, n, log));\n"
          + "    for (int i = 0; i < n; i++) {\n"
          + "      log.add(\"put \" + i);\n"
          + "      Await.of(PUT(q, i));\n"
          + "      log.add(\"put \" + i + \" done\");\n"
          + "    }\n"
          + "    long sum = Await.of(c);\n"
          + "    return Coroutine.of(String.join(\",\", log) + \" sum=\" + sum);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<Long> consume(Queue<Integer> q, int n, List<String> log) {\n"
          + "    long sum = 0;\n"
          + "    for (int i = 0; i < n; i++) {\n"
          + "      int v = Await.of(GET(q));\n"
          + "      log.add(\"got \" + v);\n"
          + "      sum += v;\n"
          + "    }\n"
          + "    return Coroutine.of(sum);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> kinds() {\n"
          + "    List<String> log = new ArrayList<>();\n"
          + "    Queue<String> fifo = new Queue<>();\n"
          + "    LifoQueue<String> lifo = new LifoQueue<>();\n"
          + "    PriorityQueue<String> prio = new PriorityQueue<>();\n"
          + "    for (String s : List.of(\"b\", \"c\", \"a\")) {\n"
          + "      Await.of(PUT(fifo, s));\n"
          + "      Await.of(PUT(lifo, s));\n"
          + "      Await.of(PUT(prio, s));\n"
          + "    }\n"
          + "    Await.of(PUT(fifo, null));\n"
          + "    for (int i = 0; i < 3; i++) {\n"
          + "      log.add(Await.of(GET(fifo)) + Await.of(GET(lifo)) + Await.of(GET(prio)));\n"
          + "    }\n"
          + "    log.add(\"null item \" + Await.of(GET(fifo)));\n"
          + "    log.add(\"time \" + Asyncio.getRunningLoop().time());\n"
          + "    return Coroutine.of(String.join(\",\", log));\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> shutdowns() {\n"
          + "    List<String> log = new ArrayList<>();\n"
          + "    Queue<Integer> q = new Queue<>(1);\n"
          + "    Task<Integer> getter = Asyncio.createTask(NAMEAsync.getOne(q, log));\n"
          + "    Await.of(Asyncio.sleep(0));\n"
          + "    Await.of(PUT(q, 1));\n"
          + "    Await.of(PUT(q, 2));\n"
          + "    Task<Void> putter = Asyncio.createTask(NAMEAsync.putOne(q, 3, log));\n"
          + "    Await.of(Asyncio.sleep(0));\n"
          + "    q.shutdown();\n"
          + "    log.add(\"getter \" + Await.of(getter));\n"
          + "    try {\n"
          + "      Await.of(putter);\n"
          + "    } catch (QueueShutDown e) {\n"
          + "      log.add(\"putter: \" + e.getMessage());\n"
          + "    }\n"
          + "    try {\n"
          + "      Await.of(PUT(q, 4));\n"
          + "    } catch (QueueShutDown e) {\n"
          + "      log.add(\"put: \" + e.getMessage());\n"
          + "    }\n"
          + "    log.add(\"left \" + Await.of(GET(q)));\n"
          + "    try {\n"
          + "      Await.of(GET(q));\n"
          + "    } catch (QueueShutDown e) {\n"
          + "      log.add(\"get: \" + e.getMessage());\n"
          + "    }\n"
          + "    return Coroutine.of(String.join(\"|\", log));\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<Integer> getOne(Queue<Integer> q, List<String> log) {\n"
          + "    log.add(\"waiting\");\n"
          + "    int v = Await.of(GET(q));\n"
          + "    log.add(\"got \" + v);\n"
          + "    return Coroutine.of(v);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<Void> putOne(Queue<Integer> q, int v, List<String> log) {\n"
          + "    log.add(\"putting \" + v);\n"
          + "    Await.of(PUT(q, v));\n"
          + "    log.add(\"put \" + v);\n"
          + "    return Coroutine.done();\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> cancelled() {\n"
          + "    List<String> log = new ArrayList<>();\n"
          + "    Queue<Integer> q = new Queue<>();\n"
          + "    Task<Integer> first = Asyncio.createTask(NAMEAsync.getOne(q, log));\n"
          + "    Task<Integer> second = Asyncio.createTask(NAMEAsync.getOne(q, log));\n"
          + "    Task<Integer> third = Asyncio.createTask(NAMEAsync.getOne(q, log));\n"
          + "    Await.of(Asyncio.sleep(0));\n"
          + "    third.cancel();\n"
          + "    q.putNowait(7);\n"
          + "    first.cancel();\n"
          + "    log.add(\"second \" + Await.of(second));\n"
          + "    log.add(\"first \" + first.isCancelled() + \" third \" + third.isCancelled());\n"
          + "    Queue<Integer> full = new Queue<>(1);\n"
          + "    full.putNowait(0);\n"
          + "    Task<Void> p1 = Asyncio.createTask(NAMEAsync.putOne(full, 1, log));\n"
          + "    Task<Void> p2 = Asyncio.createTask(NAMEAsync.putOne(full, 2, log));\n"
          + "    Await.of(Asyncio.sleep(0));\n"
          + "    log.add(\"took \" + full.getNowait());\n"
          + "    p1.cancel();\n"
          + "    Await.of(p2);\n"
          + "    log.add(\"left \" + full.getNowait() + \" size \" + full.qsize());\n"
          + "    return Coroutine.of(String.join(\"|\", log));\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> stolen() {\n"
          + "    List<String> log = new ArrayList<>();\n"
          + "    Queue<Integer> q = new Queue<>();\n"
          + "    Task<Integer> getter = Asyncio.createTask(NAMEAsync.getOne(q, log));\n"
          + "    Task<Integer> later = Asyncio.createTask(NAMEAsync.getOne(q, log));\n"
          + "    Await.of(Asyncio.sleep(0));\n"
          + "    q.putNowait(1);\n"
          + "    log.add(\"stole \" + q.getNowait());\n"
          + "    Await.of(Asyncio.sleep(0));\n"
          + "    q.putNowait(2);\n"
          + "    q.putNowait(3);\n"
          + "    log.add(\"getter \" + Await.of(getter) + \" later \" + Await.of(later));\n"
          + "    return Coroutine.of(String.join(\"|\", log));\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> locks(int workers, int rounds) {\n"
          + "    Lock lock = new Lock();\n"
          + "    List<String> log = new ArrayList<>();\n"
          + "    List<Task<Void>> ts = new ArrayList<>();\n"
          + "    for (int w = 0; w < workers; w++) {\n"
          + "      ts.add(Asyncio.createTask(NAMEAsync.worker(lock, w, rounds, log)));\n"
          + "    }\n"
          + "    for (Task<Void> t : ts) {\n"
          + "      Await.of(t);\n"
          + "    }\n"
          + "    return Coroutine.of(String.join(\",\", log));\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<Void> worker(Lock lock, int w, int rounds, List<String> log) {\n"
          + "    for (int i = 0; i < rounds; i++) {\n"
          + "      Await.of(ACQ(lock));\n"
          + "      log.add(w + \"+\");\n"
          + "      Await.of(Asyncio.sleep(0));\n"
          + "      log.add(w + \"-\");\n"
          + "      lock.release();\n"
          + "    }\n"
          + "    return Coroutine.done();\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> withLock() {\n"
          + "    LOCKTYPE lock = new Lock();\n"
          + "    List<String> log = new ArrayList<>();\n"
          + "    Task<Void> a = Asyncio.createTask(NAMEAsync.guarded(lock, \"a\", log));\n"
          + "    Task<Void> b = Asyncio.createTask(NAMEAsync.guarded(lock, \"b\", log));\n"
          + "    Await.of(a);\n"
          + "    Await.of(b);\n"
          + "    return Coroutine.of(String.join(\",\", log) + \" at \" + Asyncio.getRunningLoop().time());\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<Void> guarded(LOCKTYPE lock, String name, List<String> log) {\n"
          + "    try (lock) {\n"
          + "      log.add(name + \" in\");\n"
          + "      Await.of(Asyncio.sleep(1));\n"
          + "      log.add(name + \" out\");\n"
          + "    }\n"
          + "    return Coroutine.done();\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> lockCancel() {\n"
          + "    Lock lock = new Lock();\n"
          + "    List<String> log = new ArrayList<>();\n"
          + "    Await.of(ACQ(lock));\n"
          + "    Task<Void> w1 = Asyncio.createTask(NAMEAsync.holdOnce(lock, \"w1\", log));\n"
          + "    Task<Void> w2 = Asyncio.createTask(NAMEAsync.holdOnce(lock, \"w2\", log));\n"
          + "    Await.of(Asyncio.sleep(0));\n"
          + "    lock.release();\n"
          + "    w1.cancel();\n"
          + "    Await.of(w2);\n"
          + "    log.add(\"w1 cancelled \" + w1.isCancelled() + \" locked \" + lock.isLocked());\n"
          + "    return Coroutine.of(String.join(\",\", log));\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<Void> holdOnce(Lock lock, String name, List<String> log) {\n"
          + "    log.add(name + \" waits\");\n"
          + "    Await.of(ACQ(lock));\n"
          + "    log.add(name + \" holds\");\n"
          + "    lock.release();\n"
          + "    return Coroutine.done();\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> again() {\n"
          + "    Queue<Integer> q = new Queue<>();\n"
          + "    q.putNowait(5);\n"
          + "    var g = GET(q);\n"
          + "    int v = Await.of(g);\n"
          + "    try {\n"
          + "      Await.of(g);\n"
          + "      return Coroutine.of(\"awaited twice\");\n"
          + "    } catch (IllegalStateException e) {\n"
          + "      return Coroutine.of(v + \" \" + e.getMessage());\n"
          + "    }\n"
          + "  }\n"
          + "}\n";

  private static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(variant("QT", false), variant("QG", true));
  }

  /** The template as class {@code name}, its awaited operations typed as they are or hidden. */
  private static String variant(String name, boolean general) {
    String get = general ? "general($1.get())" : "$1.get()";
    String put = general ? "general($1.put($2))" : "$1.put($2)";
    String acquire = general ? "general($1.acquire())" : "$1.acquire()";
    return TEMPLATE
        .replace("NAME", name)
        .replace("LOCKTYPE", general ? "AsyncCloseable" : "Lock")
        .replaceAll("GET\\((\\w+)\\)", get)
        .replaceAll("PUT\\((\\w+), ([^)]+)\\)", put)
        .replaceAll("ACQ\\((\\w+)\\)", acquire);
  }

  /** Runs the scenario both ways (and in debug mode the typed way): one outcome for all. */
  private static String run(String method, Object... args) {
    String typed = outcome("t.QTAsync", method, Harness.VT, args);
    assertEquals(typed, outcome("t.QGAsync", method, Harness.VT, args), method + ", general await");
    RunOptions debug = RunOptions.create().virtualTime(true).debug(true);
    assertEquals(typed, outcome("t.QTAsync", method, debug, args), method + ", debug mode");
    return typed;
  }

  private static String outcome(String cls, String method, RunOptions options, Object... args) {
    return Harness.outcome(
        () -> Asyncio.run((Coroutine<?>) compiled.call(cls, method, args), options));
  }

  @Test
  void theTypedAwaitIsTheOneJavacPicks() throws IOException {
    String typed = compiled.generatedSource("t.QTAsync");
    assertTrue(typed.contains("awaitReady(q.get(), "), typed);
    assertTrue(typed.contains("awaitReady(q.put(i), "), typed);
    assertTrue(typed.contains("awaitReady(lock.acquire(), "), typed);
    assertTrue(
        compiled.generatedSource("t.QGAsync").contains("awaitReady(general(q.get()), "),
        "the general variant hides the type");
    // The same source text; the overload javac chose is in the class files' method descriptors.
    String get = "(Lorg/asyncio4j/Queue$Getting;I)Ljava/lang/Object;";
    String put = "(Lorg/asyncio4j/Queue$Putting;I)Ljava/lang/Object;";
    String acquire = "(Lorg/asyncio4j/Lock$Acquiring;I)Ljava/lang/Object;";
    String tryLock = "(Lorg/asyncio4j/Lock$Acquiring;I)Z";
    assertTrue(classText("t/QTAsync$consume").contains(get));
    assertTrue(classText("t/QTAsync$pipe").contains(put));
    assertTrue(classText("t/QTAsync$worker").contains(acquire));
    assertTrue(classText("t/QTAsync$guarded").contains(tryLock));
    for (String cls : List.of("consume", "pipe", "worker", "guarded")) {
      String general = classText("t/QGAsync$" + cls);
      for (String typedAwait : List.of(get, put, acquire, tryLock)) {
        assertFalse(general.contains(typedAwait), cls + " awaits through " + typedAwait);
      }
    }
  }

  /** The class file of a generated class as ISO-8859-1 text (its constant pool's strings). */
  private static String classText(String binaryPath) throws IOException {
    for (JavaFileObject f : compiled.compilation.generatedFiles()) {
      if (f.getKind() == JavaFileObject.Kind.CLASS
          && f.toUri().getPath().endsWith("/" + binaryPath + ".class")) {
        try (InputStream in = f.openInputStream()) {
          return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
      }
    }
    throw new AssertionError("no class file " + binaryPath);
  }

  @Test
  void lockHandOffsAreFifoWithoutBarging() {
    assertEquals("value 0+,0-,1+,1-,2+,2-,0+,0-,1+,1-,2+,2-", run("locks", 3, 2));
  }

  @Test
  void tryWithALockVariableUsesTheLocksOwnAwait() {
    assertEquals("value a in,a out,b in,b out at 2.0", run("withLock"));
  }

  @Test
  void aWokenThenCancelledLockWaiterPassesTheLockOn() {
    assertEquals(
        "value w1 waits,w2 waits,w2 holds,w1 cancelled true locked false", run("lockCancel"));
  }

  @Test
  void aPipeOfMaxsizeOneAlternatesAsInAsyncio() {
    assertEquals(
        "value put 0,put 0 done,put 1,got 0,put 1 done,put 2,got 1,put 2 done,got 2 sum=3",
        run("pipe", 1, 3));
    for (int max : new int[] {0, 1, 2, 5}) {
      String out = run("pipe", max, 40);
      assertTrue(out.endsWith(" sum=780"), out);
    }
  }

  @Test
  void immediateGetsAndPutsOfEveryQueueKindNeverSuspend() {
    assertEquals("value baa,ccb,abc,null item null,time 0.0", run("kinds"));
  }

  @Test
  void shutDownQueuesFailWaitingAndLaterGetsAndPuts() {
    assertEquals(
        "value waiting|got 1|putting 3|getter 1"
            + "|putter: put into a queue that was shut down"
            + "|put: put into a queue that was shut down|left 2"
            + "|get: get from an empty queue that was shut down",
        run("shutdowns"));
  }

  @Test
  void cancelledWaitersLoseNothingAndPassTheirWakeUpOn() {
    assertEquals(
        "value waiting|waiting|waiting|got 7|second 7|first true third true|putting 1|putting 2"
            + "|took 0|put 2|left 2 size 0",
        run("cancelled"));
  }

  @Test
  void aWokenGetterWhoseItemWasTakenWaitsAgainAtTheHead() {
    assertEquals("value waiting|waiting|stole 1|got 2|got 3|getter 2 later 3", run("stolen"));
  }

  @Test
  void aGetAwaitedTwiceFailsTheSecondTime() {
    String out = run("again");
    assertTrue(out.startsWith("value 5 cannot await coroutine Queue.get() again"), out);
  }
}
