package org.asyncio4j;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.sleep;
import static org.asyncio4j.LoopTesting.vt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.asyncio4j.DemoCoros.Method;
import org.junit.jupiter.api.Test;

/**
 * Async stack traces (issue #8, docs/design.md §2 "Diagnostics"): an exception escaping a coroutine
 * carries its task's await chain as frames naming the user's class, method, file and line, inserted
 * before the trampoline's frames, once per task, with the exception's identity and its original
 * frames kept.
 */
class AsyncStackTraceTest {

  /** The printed trace down to the trampoline, with line numbers of runtime/test files as N. */
  static String head(Throwable t) {
    StringWriter sw = new StringWriter();
    t.printStackTrace(new PrintWriter(sw));
    List<String> out = new ArrayList<>();
    for (String line : sw.toString().split("\n")) {
      out.add(line);
      if (line.contains("org.asyncio4j.Task.step")) {
        break;
      }
    }
    return String.join("\n", out).replaceAll("\\((?!Shop\\.java)(\\w+\\.java):\\d+\\)", "($1:N)");
  }

  @Test
  void aFailureThreeAwaitsDeepReadsLikeASynchronousStackTrace() {
    Coroutine<String> main =
        DemoCoros.awaiting(
            "main",
            10,
            12,
            () ->
                DemoCoros.awaiting(
                    "checkout",
                    20,
                    22,
                    () -> DemoCoros.throwingAfterSleep("charge", 30, 31, 1.0, "card declined")));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Asyncio.run(main, vt()));
    assertEquals(
        String.join(
            "\n",
            "java.lang.IllegalStateException: card declined",
            "\tat org.asyncio4j.DemoCoros$Method.resume(DemoCoros.java:N)",
            "\tat asyncio4j.await(task 'Task-1')",
            "\tat demo.Shop.charge(Shop.java:31)",
            "\tat demo.Shop.checkout(Shop.java:22)",
            "\tat demo.Shop.main(Shop.java:12)",
            "\tat org.asyncio4j.Task.step(Task.java:N)"),
        head(e));
  }

  @Test
  void theBlockGoesBeforeTheTrampolineAndKeepsEveryOriginalFrame() {
    List<StackTraceElement[]> original = new ArrayList<>();
    Coroutine<Void> thrower =
        new Coroutine<>() {
          @Override
          protected void resume() {
            RuntimeException e = new RuntimeException("boom");
            original.add(e.getStackTrace());
            throw e;
          }

          @Override
          protected StackTraceElement sourceFrame(int label) {
            return new StackTraceElement("demo.Shop", "explode", "Shop.java", 40);
          }
        };
    Coroutine<Void> main = DemoCoros.awaiting("main", 10, 11, () -> thrower);
    RuntimeException e = assertThrows(RuntimeException.class, () -> Asyncio.run(main, vt()));
    StackTraceElement[] now = e.getStackTrace();
    StackTraceElement[] before = original.get(0);
    assertEquals(before.length + 3, now.length);
    int step = indexOf(before, "org.asyncio4j.Task", "step");
    assertTrue(step > 0, Arrays.toString(before));
    assertEquals(Arrays.asList(before).subList(0, step), Arrays.asList(now).subList(0, step));
    assertEquals("asyncio4j.await(task 'Task-1')", now[step].toString());
    assertEquals("demo.Shop.explode(Shop.java:40)", now[step + 1].toString());
    assertEquals("demo.Shop.main(Shop.java:11)", now[step + 2].toString());
    assertEquals(
        Arrays.asList(before).subList(step, before.length),
        Arrays.asList(now).subList(step + 3, now.length));
  }

  @Test
  void aTaskAwaitingAFailedTaskAddsItsChainAfterTheFailedOne() {
    Coroutine<Object> main =
        DemoCoros.awaiting(
            "main",
            10,
            14,
            () ->
                createTask(
                    DemoCoros.awaiting(
                        "fetch",
                        20,
                        22,
                        () -> DemoCoros.throwingAfterSleep("load", 30, 31, 1.0, "no such user")),
                    "fetcher"));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Asyncio.run(main, vt()));
    List<String> frames = asyncFrames(e);
    assertEquals(
        List.of(
            "asyncio4j.await(task 'fetcher')",
            "demo.Shop.load(Shop.java:31)",
            "demo.Shop.fetch(Shop.java:22)",
            "asyncio4j.await(task 'Task-1')",
            "demo.Shop.main(Shop.java:14)"),
        frames);
    // Both blocks sit before the failed task's own trampoline frame.
    StackTraceElement[] st = e.getStackTrace();
    int lastMarker = lastIndexOf(st, "asyncio4j", "await");
    assertEquals("demo.Shop.main(Shop.java:14)", st[lastMarker + 1].toString());
    assertEquals("org.asyncio4j.Task", st[lastMarker + 2].getClassName());
    assertEquals("step", st[lastMarker + 2].getMethodName());
  }

  @Test
  void aTaskAwaitingAShieldShowsTheShieldedTasksChainThenAShieldFrame() {
    Coroutine<Object> main =
        DemoCoros.awaiting(
            "main",
            10,
            14,
            () ->
                Asyncio.shield(
                    createTask(
                        DemoCoros.awaiting(
                            "save",
                            20,
                            22,
                            () -> DemoCoros.throwingAfterSleep("write", 30, 31, 1.0, "disk full")),
                        "saver")));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Asyncio.run(main, vt()));
    assertEquals(
        List.of(
            "asyncio4j.await(task 'saver')",
            "demo.Shop.write(Shop.java:31)",
            "demo.Shop.save(Shop.java:22)",
            "asyncio4j.await(task 'Task-1')",
            "asyncio4j.shield(task 'saver')",
            "demo.Shop.main(Shop.java:14)"),
        asyncFrames(e));
  }

  @Test
  void aShieldOverACoroutineNamesTheTaskItBecame() {
    Coroutine<Object> main =
        DemoCoros.awaiting(
            "main",
            10,
            12,
            () -> Asyncio.shield(DemoCoros.throwingAfterSleep("write", 30, 31, 1.0, "disk full")));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Asyncio.run(main, vt()));
    assertEquals(
        String.join(
            "\n",
            "java.lang.IllegalStateException: disk full",
            "\tat org.asyncio4j.DemoCoros$Method.resume(DemoCoros.java:N)",
            "\tat asyncio4j.await(task 'Task-2')",
            "\tat demo.Shop.write(Shop.java:31)",
            "\tat asyncio4j.await(task 'Task-1')",
            "\tat asyncio4j.shield(task 'Task-2')",
            "\tat demo.Shop.main(Shop.java:12)",
            "\tat org.asyncio4j.Task.step(Task.java:N)"),
        head(e));
  }

  @Test
  void reAwaitingAndGatherDoNotDuplicateFrames() {
    IllegalStateException boom = new IllegalStateException("boom");
    List<Throwable> seen = new ArrayList<>();
    Coroutine<Void> main =
        new Coroutine<>() {
          Task<Object> failing;
          Future<List<Object>> all;

          @Override
          protected void resume() throws Throwable {
            for (; ; ) {
              switch (label) {
                case 0:
                  failing = createTask(DemoCoros.failingAfterSleep("load", 30, 31, 1.0, boom), "w");
                  all = gather(failing);
                  if (!await(failing, 1)) {
                    return;
                  }
                  // fall through
                case 1:
                  try {
                    awaitResult();
                  } catch (IllegalStateException e) {
                    seen.add(e);
                  }
                  if (!await(failing, 2)) { // awaited again: same exception, same chain
                    return;
                  }
                  // fall through
                case 2:
                  try {
                    awaitResult();
                  } catch (IllegalStateException e) {
                    seen.add(e);
                  }
                  if (!await(all, 3)) { // through a gather
                    return;
                  }
                  // fall through
                case 3:
                  awaitResult();
                  complete(null);
                  return;
                default:
                  throw new AssertionError(label);
              }
            }
          }

          @Override
          protected StackTraceElement sourceFrame(int label) {
            return new StackTraceElement("demo.Shop", "main", "Shop.java", 50 + label);
          }
        };
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Asyncio.run(main, vt()));
    assertSame(boom, e);
    assertEquals(List.of(boom, boom), seen);
    assertEquals(
        List.of(
            "asyncio4j.await(task 'w')",
            "demo.Shop.load(Shop.java:31)",
            "asyncio4j.await(task 'Task-1')",
            "demo.Shop.main(Shop.java:53)"),
        asyncFrames(e));
  }

  @Test
  void anExceptionRethrownInALaterStepOfTheSameTaskIsNotExtendedAgain() {
    Coroutine<Void> main =
        new Coroutine<>() {
          Throwable caught;

          @Override
          protected void resume() throws Throwable {
            switch (label) {
              case 0:
                if (!await(
                    DemoCoros.awaiting(
                        "inner",
                        60,
                        61,
                        () ->
                            createTask(
                                DemoCoros.throwingAfterSleep("load", 30, 31, 1.0, "boom"), "w")),
                    1)) {
                  return;
                }
                // fall through
              case 1:
                try {
                  awaitResult();
                } catch (IllegalStateException e) {
                  caught = e; // escaped inner: carries Task-1's chain from inner outwards
                }
                if (!await(sleep(1), 2)) {
                  return;
                }
                // fall through
              case 2:
                awaitResult();
                throw caught; // escapes main in a later step: Task-1's block is already there
              default:
                throw new AssertionError(label);
            }
          }

          @Override
          protected StackTraceElement sourceFrame(int label) {
            return new StackTraceElement("demo.Shop", "main", "Shop.java", 50 + label);
          }
        };
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Asyncio.run(main, vt()));
    assertEquals(
        List.of(
            "asyncio4j.await(task 'w')",
            "demo.Shop.load(Shop.java:31)",
            "asyncio4j.await(task 'Task-1')",
            "demo.Shop.inner(Shop.java:61)",
            "demo.Shop.main(Shop.java:51)"),
        asyncFrames(e));
  }

  @Test
  void anExceptionCaughtAndReplacedCarriesTheChainWhereItWasThrown() {
    Coroutine<Object> wrapper =
        Coros.tryCatch(
            () -> DemoCoros.failingAfterSleep("load", 30, 31, 1.0, new IllegalStateException("x")),
            IllegalStateException.class,
            x -> {
              throw new RuntimeException("wrapped", x);
            });
    Coroutine<Object> main = DemoCoros.awaiting("main", 10, 12, () -> wrapper);
    RuntimeException e = assertThrows(RuntimeException.class, () -> Asyncio.run(main, vt()));
    assertEquals("wrapped", e.getMessage());
    List<String> outer = asyncFrames(e);
    assertEquals("asyncio4j.await(task 'Task-1')", outer.get(0));
    assertEquals("demo.Shop.main(Shop.java:12)", outer.get(outer.size() - 1));
    assertEquals(
        List.of(
            "asyncio4j.await(task 'Task-1')",
            "demo.Shop.load(Shop.java:31)",
            outer.get(1),
            "demo.Shop.main(Shop.java:12)"),
        asyncFrames(e.getCause()));
  }

  @Test
  void cancellationIsLeftAsItIs() {
    Coroutine<Object> main =
        DemoCoros.awaiting(
            "main",
            10,
            12,
            () -> {
              Task<Object> t = createTask(DemoCoros.awaiting("slow", 20, 21, () -> sleep(10, null)));
              getLoopAndCancelSoon(t);
              return t;
            });
    CancelledError e = assertThrows(CancelledError.class, () -> Asyncio.run(main, vt()));
    assertEquals(List.of(), asyncFrames(e));
  }

  private static void getLoopAndCancelSoon(Task<?> t) {
    Asyncio.getRunningLoop().callLater(1, () -> t.cancel());
  }

  @Test
  void anExceptionFromAnotherThreadGetsTheChainAtTheEnd() {
    IllegalStateException fromPool = new IllegalStateException("from the pool");
    Coroutine<Object> main =
        DemoCoros.awaiting(
            "main",
            10,
            12,
            () ->
                Asyncio.toThread(
                    () -> {
                      throw fromPool;
                    }));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> Asyncio.run(main, LoopTesting.realTime()));
    assertSame(fromPool, e);
    StackTraceElement[] st = e.getStackTrace();
    assertEquals("asyncio4j.await(task 'Task-1')", st[st.length - 3].toString());
    assertTrue(
        st[st.length - 2].toString().startsWith("org.asyncio4j.Asyncio$ToThread.resume(toThread("),
        st[st.length - 2].toString());
    assertEquals("demo.Shop.main(Shop.java:12)", st[st.length - 1].toString());
  }

  @Test
  void withoutASourceFrameOverrideTheDescriptionGivesTheFrame() {
    Coroutine<Void> generatedBeforeTheHook =
        new Coroutine<>() {
          @Override
          protected void resume() {
            throw new UnsupportedOperationException("later");
          }

          @Override
          protected String describe() {
            return "Hello.greet(Hello.java:9)";
          }
        };
    UnsupportedOperationException e =
        assertThrows(
            UnsupportedOperationException.class,
            () -> Asyncio.run(generatedBeforeTheHook, vt()));
    assertEquals(
        List.of("asyncio4j.await(task 'Task-1')", "Hello.greet(Hello.java:9)"), asyncFrames(e));
  }

  @Test
  void sourceLineGivesTheExactLineOfTheFailure() {
    int[] generatedLine = new int[1];
    Coroutine<Void> failing =
        new Coroutine<>() {
          @Override
          protected void resume() {
            switch (label) {
              case 0:
                if (!await(sleep(1), 1)) {
                  return;
                }
                // fall through
              case 1:
                awaitResult();
                IllegalStateException e = new IllegalStateException("out of stock");
                generatedLine[0] = e.getStackTrace()[0].getLineNumber();
                throw e;
              default:
                throw new AssertionError(label);
            }
          }

          @Override
          protected StackTraceElement sourceFrame(int label) {
            return new StackTraceElement("demo.Shop", "reserve", "Shop.java", 40 + label);
          }

          @Override
          protected int sourceLine(int line) {
            return line == generatedLine[0] ? 47 : -1; // the generated line of the throw → 47
          }
        };
    Coroutine<Void> main = DemoCoros.awaiting("main", 10, 12, () -> failing);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.run(main, vt()));
    assertEquals(
        List.of(
            "asyncio4j.await(task 'Task-1')",
            "demo.Shop.reserve(Shop.java:47)", // not the await line 41
            "demo.Shop.main(Shop.java:12)"),
        asyncFrames(e));
  }

  @Test
  void aVeryDeepChainIsCapped() {
    int depth = 5000;
    Coroutine<Object> c = DemoCoros.failingAfterSleep("leaf", 1, 2, 0, new IllegalStateException());
    for (int i = 0; i < depth - 1; i++) {
      Coroutine<Object> inner = c;
      c = DemoCoros.awaiting("level" + i, 10, 11, () -> inner);
    }
    Coroutine<Object> root = c;
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Asyncio.run(root, vt()));
    List<String> frames = asyncFrames(e);
    assertEquals(AsyncStackTraces.MAX_FRAMES + 2, frames.size());
    assertEquals("demo.Shop.leaf(Shop.java:2)", frames.get(1));
    assertEquals(
        "asyncio4j.await(... " + (depth - AsyncStackTraces.MAX_FRAMES) + " more awaits)",
        frames.get(frames.size() - 2));
    assertEquals("demo.Shop.level" + (depth - 2) + "(Shop.java:11)", frames.get(frames.size() - 1));
  }

  @Test
  void hookFramesAreUsedForEveryCoroutineOfTheChain() {
    Method<Object> leaf =
        new Method<>("leaf", 40, 41, () -> sleep(1, null), new IllegalStateException("leaf"));
    assertEquals("demo.Shop.leaf(Shop.java:40)", leaf.sourceFrame(0).toString());
    assertEquals("demo.Shop.leaf(Shop.java:41)", leaf.sourceFrame(1).toString());
    assertEquals(
        "org.asyncio4j.Sleep.resume(sleep(1.0))", sleep(1).sourceFrame(0).toString());
  }

  /** The frames added by async stack traces: from the first marker to the trampoline frame. */
  static List<String> asyncFrames(Throwable e) {
    List<String> out = new ArrayList<>();
    boolean in = false;
    for (StackTraceElement f : e.getStackTrace()) {
      if (AsyncStackTraces.isMarker(f)) {
        in = true;
      }
      if (in && f.getClassName().equals("org.asyncio4j.Task") && f.getMethodName().equals("step")) {
        break;
      }
      if (in) {
        out.add(f.toString());
      }
    }
    return out;
  }

  private static int indexOf(StackTraceElement[] st, String cls, String method) {
    for (int i = 0; i < st.length; i++) {
      if (st[i].getClassName().equals(cls) && st[i].getMethodName().equals(method)) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexOf(StackTraceElement[] st, String cls, String method) {
    for (int i = st.length - 1; i >= 0; i--) {
      if (st[i].getClassName().equals(cls) && st[i].getMethodName().equals(method)) {
        return i;
      }
    }
    return -1;
  }
}
