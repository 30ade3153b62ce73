package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checked exceptions through {@code Await.of(a, X.class)}, JDK futures failing unwrapped,
 * recursion, and cancellation of a task stuck in an awaiting loop (its finally runs).
 */
class ExceptionsAndCancellationTest {
  static final String SOURCE =
      "package t;\n"
          + "import java.io.IOException;\n"
          + "import java.util.*;\n"
          + "import java.util.concurrent.CompletableFuture;\n"
          + "import org.asyncio4j.*;\n"
          + "public final class X {\n"
          + "  static Coroutine<String> io(boolean fail) {\n"
          + "    return new Coroutine<String>() {\n"
          + "      @Override protected void resume() throws IOException {\n"
          + "        if (fail) throw new IOException(\"disk\");\n"
          + "        complete(\"read\");\n"
          + "      }\n"
          + "    };\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> checked(boolean fail) throws IOException {\n"
          + "    try {\n"
          + "      return Coroutine.of(Await.of(io(fail), IOException.class));\n"
          + "    } catch (IOException e) {\n"
          + "      return Coroutine.of(\"caught \" + e.getMessage());\n"
          + "    }\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<Object> jdk(CompletableFuture<String> f) {\n"
          + "    try {\n"
          + "      return Coroutine.of(Await.of(f));\n"
          + "    } catch (IllegalStateException e) {\n"
          + "      return Coroutine.of(e);\n"
          + "    }\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<Long> fib(int n) {\n"
          + "    if (n < 2) return Coroutine.of((long) n);\n"
          + "    return Coroutine.of(Await.of(fib(n - 1)) + Await.of(fib(n - 2)));\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<Void> forever(List<String> log) {\n"
          + "    int i = 0;\n"
          + "    try {\n"
          + "      while (true) {\n"
          + "        Await.of(Asyncio.sleep(1));\n"
          + "        i++;\n"
          + "      }\n"
          + "    } finally {\n"
          + "      log.add(\"finally after \" + i);\n"
          + "    }\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> cancelAfter(List<String> log, double delay) {\n"
          + "    Task<Void> t = Asyncio.createTask(XAsync.forever(log));\n"
          + "    Await.of(Asyncio.sleep(delay));\n"
          + "    t.cancel(\"stop\");\n"
          + "    try {\n"
          + "      Await.of(t);\n"
          + "      return Coroutine.of(\"not cancelled\");\n"
          + "    } catch (CancelledError e) {\n"
          + "      return Coroutine.of(\"cancelled: \" + e.getMessage() + \" \" +"
          + " t.isCancelled());\n"
          + "    }\n"
          + "  }\n"
          + "}\n";

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled = Harness.compile(SOURCE);
  }

  @Test
  void checkedExceptionsDeclaredOnTheAwait() {
    assertEquals("read", compiled.run("t.XAsync", "checked", false));
    assertEquals("caught disk", compiled.run("t.XAsync", "checked", true));
  }

  @Test
  void failedJdkFuturesThrowUnwrappedWithIdentity() {
    IllegalStateException e = new IllegalStateException("jdk");
    assertSame(e, compiled.run("t.XAsync", "jdk", CompletableFuture.failedFuture(e)));
    assertEquals("ok", compiled.run("t.XAsync", "jdk", CompletableFuture.completedFuture("ok")));
  }

  @Test
  void recursion() {
    assertEquals(6765L, compiled.run("t.XAsync", "fib", 20));
  }

  @Test
  void cancellingALoopingTaskRunsItsFinally() {
    List<String> log = new ArrayList<>();
    assertEquals("cancelled: stop true", compiled.run("t.XAsync", "cancelAfter", log, 10.5));
    assertEquals(List.of("finally after 10"), log);
  }

  @Test
  void theOriginalMethodExplainsWhenCalledDirectly() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> compiled.call("t.X", "fib", 3));
    assertTrue(e.getMessage().contains("XAsync.fib(...)"), e.getMessage());
  }
}
