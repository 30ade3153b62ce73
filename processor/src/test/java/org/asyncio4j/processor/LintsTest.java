package org.asyncio4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The processor's named warnings ({@code asyncio4j:never-awaited}, {@code
 * asyncio4j:blocking-call}): the text users see, where it points, suppression by name and in bulk,
 * and no warning for calls that only share a name with a blocking JDK method.
 */
class LintsTest {
  private static final String IMPORTS =
      "package t;\n"
          + "import java.io.*;\n"
          + "import java.net.Socket;\n"
          + "import java.net.URI;\n"
          + "import java.net.http.*;\n"
          + "import java.nio.file.*;\n"
          + "import java.sql.*;\n"
          + "import java.util.*;\n"
          + "import java.util.concurrent.BlockingQueue;\n"
          + "import java.util.concurrent.CompletableFuture;\n"
          + "import java.util.concurrent.CountDownLatch;\n"
          + "import java.util.concurrent.TimeUnit;\n"
          + "import org.asyncio4j.*;\n";

  private static final String SUPPRESS_BLOCKING =
      " (To keep it deliberately, annotate the method or class with"
          + " @SuppressWarnings(\"asyncio4j:blocking-call\").)";

  private static final String STREAMS =
      "Use asyncio4j's streams (the StreamReader/StreamWriter of Asyncio.openConnection(host,"
          + " port), AsyncFiles for files), or run it on a worker thread with"
          + " Await.of(Asyncio.toThread(() -> ...)).";

  private static final String JDBC =
      "Run the JDBC work on a worker thread: Await.of(Asyncio.toThread(() -> ...)).";

  private static JavaFileObject source(String body) {
    return JavaFileObjects.forSourceString("t.D", IMPORTS + body);
  }

  private static Compilation compile(JavaFileObject f) {
    return com.google.testing.compile.Compiler.javac()
        .withProcessors(new AsyncProcessor())
        .compile(f);
  }

  private static String blocking(String what, String alternative) {
    return "[asyncio4j:blocking-call] "
        + what
        + " blocks the event loop: every other task waits until it returns. "
        + alternative
        + SUPPRESS_BLOCKING;
  }

  /**
   * Asserts the warning {@code text} at the last opening parenthesis of {@code callPrefix} (a call,
   * found where it first occurs in {@code body}): where javac places diagnostics on calls.
   */
  private static void assertWarning(
      Compilation c, JavaFileObject f, String body, String callPrefix, String text) {
    String src = IMPORTS + body;
    int at = src.indexOf(callPrefix);
    if (at < 0) {
      throw new AssertionError("not in the source: " + callPrefix);
    }
    int paren = at + callPrefix.lastIndexOf('(');
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < paren; i++) {
      if (src.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    assertThat(c).hadWarningContaining(text).inFile(f).onLine(line).atColumn(paren - lineStart + 1);
  }

  @Test
  void neverAwaited() {
    String body =
        "public class D {\n"
            + "  @Async static Coroutine<Integer> m(HttpSession session, Path p) {\n"
            + "    other();\n"
            + "    Asyncio.sleep(1);\n"
            + "    session.get(\"http://example.com\");\n"
            + "    AsyncFiles.readString(p);\n"
            + "    Await.of(other());\n"
            + "    Asyncio.createTask(other());\n"
            + "    return Coroutine.of(1);\n"
            + "  }\n"
            + "  @Async static Coroutine<Void> other() {\n"
            + "    return Coroutine.done();\n"
            + "  }\n"
            + "}\n";
    JavaFileObject f = source(body);
    Compilation c = compile(f);
    assertThat(c).succeeded();
    assertWarning(
        c,
        f,
        body,
        "    other(",
        "[asyncio4j:never-awaited] the coroutine returned by other() is never awaited, so it never"
            + " runs (Python: 'coroutine was never awaited'). Await it with Await.of(...), or"
            + " schedule it with Asyncio.createTask(...). (To keep it deliberately, annotate the"
            + " method or class with @SuppressWarnings(\"asyncio4j:never-awaited\").)");
    assertWarning(
        c,
        f,
        body,
        "Asyncio.sleep(",
        "the coroutine returned by Asyncio.sleep(1) is never awaited");
    assertWarning(
        c,
        f,
        body,
        "session.get(",
        "the coroutine returned by session.get(\"http://example.com\") is never awaited");
    assertWarning(
        c,
        f,
        body,
        "AsyncFiles.readString(",
        "the coroutine returned by AsyncFiles.readString(p) is never awaited");
    assertThat(c).hadWarningCount(4);
  }

  @Test
  void sleeping() {
    String body =
        "public class D {\n"
            + "  @Async static Coroutine<Void> m() throws Exception {\n"
            + "    Thread.sleep(10);\n"
            + "    java.lang.Thread.sleep(10);\n"
            + "    TimeUnit.SECONDS.sleep(1);\n"
            + "    return Coroutine.done();\n"
            + "  }\n"
            + "}\n";
    JavaFileObject f = source(body);
    Compilation c = compile(f);
    assertThat(c).succeeded();
    String text = blocking("Thread.sleep", "Use Await.of(Asyncio.sleep(seconds)) instead.");
    assertWarning(c, f, body, "    Thread.sleep(", text);
    assertWarning(c, f, body, "java.lang.Thread.sleep(", text);
    assertWarning(
        c,
        f,
        body,
        "TimeUnit.SECONDS.sleep(",
        blocking("TimeUnit.sleep", "Use Await.of(Asyncio.sleep(seconds)) instead."));
    assertThat(c).hadWarningCount(3);
  }

  @Test
  void staticallyImportedSleep() {
    JavaFileObject f =
        JavaFileObjects.forSourceString(
            "t.D",
            "package t;\n"
                + "import static java.lang.Thread.sleep;\n"
                + "import org.asyncio4j.*;\n"
                + "public class D {\n"
                + "  @Async static Coroutine<Void> m() throws Exception {\n"
                + "    sleep(10);\n"
                + "    return Coroutine.done();\n"
                + "  }\n"
                + "}\n");
    Compilation c = compile(f);
    assertThat(c)
        .hadWarningContaining(
            blocking("Thread.sleep", "Use Await.of(Asyncio.sleep(seconds)) instead."))
        .inFile(f)
        .onLine(6)
        .atColumn(10);
    assertThat(c).hadWarningCount(1);
  }

  @Test
  void waitingForThreadsFuturesAndLocks() {
    String body =
        "public class D {\n"
            + "  static CompletableFuture<String> shared;\n"
            + "  @Async static Coroutine<Void> m(Object lock, java.util.concurrent.Future<String>"
            + " f, Thread t, CountDownLatch latch, BlockingQueue<String> q,"
            + " java.util.concurrent.Semaphore s) throws Exception {\n"
            + "    lock.wait();\n"
            + "    String a = f.get();\n"
            + "    String b = shared.join();\n"
            + "    String b2 = shared.get();\n"
            + "    t.join();\n"
            + "    latch.await();\n"
            + "    String x = q.take();\n"
            + "    q.put(x);\n"
            + "    s.acquire();\n"
            + "    return Coroutine.done();\n"
            + "  }\n"
            + "}\n";
    JavaFileObject f = source(body);
    Compilation c = compile(f);
    assertThat(c).succeeded();
    assertWarning(
        c,
        f,
        body,
        "lock.wait(",
        blocking(
            "Object.wait",
            "Use an asyncio4j Event or Condition instead: Await.of(event.waitAsync())."));
    assertWarning(
        c,
        f,
        body,
        "f.get(",
        blocking(
            "Future.get",
            "Await a CompletionStage with Await.of(future); wait for another Future on a worker"
                + " thread with Await.of(Asyncio.toThread(future::get))."));
    assertWarning(
        c,
        f,
        body,
        "shared.join(",
        blocking("CompletableFuture.join", "Use Await.of(future) instead."));
    assertWarning(
        c,
        f,
        body,
        "shared.get(",
        blocking("CompletableFuture.get", "Use Await.of(future) instead."));
    assertWarning(
        c,
        f,
        body,
        "t.join(",
        blocking(
            "Thread.join",
            "Run the thread's work with Await.of(Asyncio.toThread(() -> ...)) instead."));
    assertWarning(
        c,
        f,
        body,
        "latch.await(",
        blocking(
            "CountDownLatch.await",
            "Use an asyncio4j Event instead: Await.of(event.waitAsync())."));
    String queue =
        "Use an asyncio4j Queue instead: Await.of(queue.get()), Await.of(queue.put(item)).";
    assertWarning(c, f, body, "q.take(", blocking("BlockingQueue.take", queue));
    assertWarning(c, f, body, "q.put(", blocking("BlockingQueue.put", queue));
    assertWarning(
        c,
        f,
        body,
        "s.acquire(",
        blocking(
            "Semaphore.acquire",
            "Use an asyncio4j Semaphore instead: try (semaphore) { ... }, or"
                + " Await.of(semaphore.acquire())."));
    assertThat(c).hadWarningCount(9);
  }

  @Test
  void streamsAndFiles() {
    String body =
        "public class D {\n"
            + "  @Async static Coroutine<Void> m(Socket socket, Path p, Writer w, BufferedReader r)"
            + " throws Exception {\n"
            + "    int ch = System.in.read();\n"
            + "    InputStream in = socket.getInputStream();\n"
            + "    in.read(new byte[8]);\n"
            + "    socket.getOutputStream().write(1);\n"
            + "    w.write(\"x\");\n"
            + "    String line = r.readLine();\n"
            + "    String text = Files.readString(p);\n"
            + "    Files.copy(p, p.resolveSibling(\"b\"));\n"
            + "    return Coroutine.done();\n"
            + "  }\n"
            + "}\n";
    JavaFileObject f = source(body);
    Compilation c = compile(f);
    assertThat(c).succeeded();
    assertWarning(c, f, body, "System.in.read(", blocking("InputStream.read", STREAMS));
    assertWarning(c, f, body, "in.read(", blocking("InputStream.read", STREAMS));
    assertWarning(c, f, body, ".write(1", blocking("OutputStream.write", STREAMS));
    assertWarning(c, f, body, "w.write(", blocking("Writer.write", STREAMS));
    assertWarning(c, f, body, "r.readLine(", blocking("BufferedReader.readLine", STREAMS));
    assertWarning(
        c,
        f,
        body,
        "Files.readString(",
        blocking("Files.readString", "Use Await.of(AsyncFiles.readString(path)) instead."));
    assertWarning(
        c,
        f,
        body,
        "Files.copy(",
        blocking(
            "Files.copy",
            "Run it on a worker thread: Await.of(Asyncio.toThread(() -> Files.copy(...)))."));
    assertThat(c).hadWarningCount(7);
  }

  @Test
  void jdbcHttpAndProcesses() {
    String body =
        "public class D {\n"
            + "  @Async static Coroutine<Void> m(String url, HttpClient client, HttpRequest req)"
            + " throws Exception {\n"
            + "    java.sql.Connection conn = DriverManager.getConnection(url);\n"
            + "    ResultSet rs = conn.createStatement().executeQuery(\"select 1\");\n"
            + "    while (rs.next()) {\n"
            + "      System.out.println(rs.getInt(1));\n"
            + "    }\n"
            + "    PreparedStatement ps = conn.prepareStatement(\"update t set x = 1\");\n"
            + "    ps.executeUpdate();\n"
            + "    conn.commit();\n"
            + "    client.send(req, HttpResponse.BodyHandlers.ofString());\n"
            + "    new ProcessBuilder(\"true\").start().waitFor();\n"
            + "    return Coroutine.done();\n"
            + "  }\n"
            + "}\n";
    JavaFileObject f = source(body);
    Compilation c = compile(f);
    assertThat(c).succeeded();
    assertWarning(
        c, f, body, "DriverManager.getConnection(", blocking("DriverManager.getConnection", JDBC));
    assertWarning(c, f, body, ".executeQuery(", blocking("Statement.executeQuery", JDBC));
    assertWarning(c, f, body, "rs.next(", blocking("ResultSet.next", JDBC));
    assertWarning(
        c, f, body, "ps.executeUpdate(", blocking("PreparedStatement.executeUpdate", JDBC));
    assertWarning(c, f, body, "conn.commit(", blocking("Connection.commit", JDBC));
    assertWarning(
        c,
        f,
        body,
        "client.send(",
        blocking(
            "HttpClient.send",
            "Use asyncio4j's HttpSession (Await.of(session.get(url))), or"
                + " Await.of(client.sendAsync(request, handler))."));
    assertWarning(
        c,
        f,
        body,
        ".waitFor(",
        blocking(
            "Process.waitFor",
            "Use Await.of(process.onExit()), or start it with Asyncio.createSubprocessExec(...)"
                + " and Await.of(proc.waitFor())."));
    assertThat(c).hadWarningCount(7);
  }

  @Test
  void methodsThatOnlyShareANameAreNotReported() {
    String body =
        "public class D {\n"
            + "  static class Clock {\n"
            + "    static void sleep(long ms) {}\n"
            + "    String get() { return \"\"; }\n"
            + "    void join() {}\n"
            + "    int read() { return 0; }\n"
            + "    void wait(String why) {}\n"
            + "    boolean next() { return false; }\n"
            + "  }\n"
            + "  static Clock Thread = null;\n"
            + "  @Async static Coroutine<Void> m(Clock clock, Map<String, String> map, List<String>"
            + " list, Iterator<String> it, org.asyncio4j.Queue<String> q,"
            + " org.asyncio4j.Semaphore s) throws Exception {\n"
            + "    Clock.sleep(1);\n"
            + "    clock.get();\n"
            + "    clock.join();\n"
            + "    clock.read();\n"
            + "    clock.wait(\"x\");\n"
            + "    clock.next();\n"
            + "    map.get(\"k\");\n"
            + "    list.get(0);\n"
            + "    it.next();\n"
            + "    Thread.get();\n"
            + "    Await.of(q.put(\"x\"));\n"
            + "    String x = Await.of(q.get());\n"
            + "    Await.of(s.acquire());\n"
            + "    s.release();\n"
            + "    Subprocess proc = Await.of(Asyncio.createSubprocessExec(\"true\"));\n"
            + "    Await.of(proc.waitFor());\n"
            + "    ByteArrayOutputStream bytes = new ByteArrayOutputStream();\n"
            + "    bytes.write(1);\n"
            + "    new StringReader(\"s\").read();\n"
            + "    System.out.println(x);\n"
            + "    System.out.flush();\n"
            + "    return Coroutine.done();\n"
            + "  }\n"
            + "}\n";
    Compilation c = compile(source(body));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void blockingCallsOutsideCoroutineBodiesAreNotReported() {
    String body =
        "public class D {\n"
            + "  static void sync(CompletableFuture<String> f) throws Exception {\n"
            + "    Thread.sleep(10);\n"
            + "    f.get();\n"
            + "    Asyncio.sleep(1);\n"
            + "  }\n"
            + "  @Async static Coroutine<Void> m(CompletableFuture<String> f) {\n"
            + "    Runnable later = () -> f.join();\n"
            + "    Object worker = new Object() {\n"
            + "      void run() throws Exception { Thread.sleep(10); }\n"
            + "    };\n"
            + "    Await.of(Asyncio.toThread(() -> f.get()));\n"
            + "    return Coroutine.done();\n"
            + "  }\n"
            + "}\n";
    Compilation c = compile(source(body));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void suppressedByNameOnTheMethod() {
    String body =
        "public class D {\n"
            + "  @SuppressWarnings(\"asyncio4j:blocking-call\")\n"
            + "  @Async static Coroutine<Void> m() throws Exception {\n"
            + "    Thread.sleep(10);\n"
            + "    Asyncio.sleep(1);\n"
            + "    return Coroutine.done();\n"
            + "  }\n"
            + "  @SuppressWarnings({\"unchecked\", \"asyncio4j:never-awaited\"})\n"
            + "  @Async static Coroutine<Void> n() throws Exception {\n"
            + "    Asyncio.sleep(1);\n"
            + "    Thread.sleep(20);\n"
            + "    return Coroutine.done();\n"
            + "  }\n"
            + "}\n";
    JavaFileObject f = source(body);
    Compilation c = compile(f);
    assertThat(c).succeeded();
    assertWarning(
        c, f, body, "    Asyncio.sleep(", "[asyncio4j:never-awaited] the coroutine returned by");
    assertWarning(c, f, body, "Thread.sleep(20", "[asyncio4j:blocking-call] Thread.sleep blocks");
    assertThat(c).hadWarningCount(2);
  }

  @Test
  void suppressedByNameOnTheClassOrAnEnclosingClass() {
    String body =
        "@SuppressWarnings(value = \"asyncio4j:never-awaited\")\n"
            + "public class D {\n"
            + "  @SuppressWarnings(\"asyncio4j:blocking-call\")\n"
            + "  static class Inner {\n"
            + "    @Async static Coroutine<Void> m() throws Exception {\n"
            + "      Thread.sleep(10);\n"
            + "      Asyncio.sleep(1);\n"
            + "      return Coroutine.done();\n"
            + "    }\n"
            + "  }\n"
            + "  @Async static Coroutine<Void> n() throws Exception {\n"
            + "    Asyncio.sleep(1);\n"
            + "    Thread.sleep(20);\n"
            + "    return Coroutine.done();\n"
            + "  }\n"
            + "}\n";
    JavaFileObject f = source(body);
    Compilation c = compile(f);
    assertThat(c).succeeded();
    assertWarning(c, f, body, "Thread.sleep(20", "[asyncio4j:blocking-call] Thread.sleep blocks");
    assertThat(c).hadWarningCount(1);
  }

  @Test
  void suppressedOnALocalDeclaration() {
    String body =
        "public class D {\n"
            + "  @Async static Coroutine<Void> m(CompletableFuture<String> f) {\n"
            + "    @SuppressWarnings(\"asyncio4j:blocking-call\")\n"
            + "    String quiet = f.join();\n"
            + "    String loud = f.join();\n"
            + "    return Coroutine.done();\n"
            + "  }\n"
            + "}\n";
    JavaFileObject f = source(body);
    Compilation c = compile(f);
    assertWarning(c, f, body, "loud = f.join(", "[asyncio4j:blocking-call] CompletableFuture.join");
    assertThat(c).hadWarningCount(1);
  }

  @Test
  void blanketSuppressionSilencesEveryLint() {
    String body =
        "@SuppressWarnings(\"asyncio4j\")\n"
            + "public class D {\n"
            + "  @Async static Coroutine<Void> m(CompletableFuture<String> f) throws Exception {\n"
            + "    Thread.sleep(10);\n"
            + "    Asyncio.sleep(1);\n"
            + "    f.join();\n"
            + "    return Coroutine.done();\n"
            + "  }\n"
            + "}\n";
    assertThat(compile(source(body))).succeededWithoutWarnings();
  }
}
