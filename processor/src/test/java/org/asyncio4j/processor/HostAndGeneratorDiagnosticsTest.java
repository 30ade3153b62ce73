package org.asyncio4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The diagnostics about where {@code @Async} methods may be declared, {@code Yield.of} placement
 * and a bare {@code return;}: the message and the exact position (the rest are in {@link
 * DiagnosticsTest}).
 */
class HostAndGeneratorDiagnosticsTest {
  private static JavaFileObject source(String body) {
    return JavaFileObjects.forSourceString(
        "t.D", "package t;\n" + "import java.util.*;\n" + "import org.asyncio4j.*;\n" + body);
  }

  private static Compilation compile(JavaFileObject f) {
    return com.google.testing.compile.Compiler.javac()
        .withProcessors(new AsyncProcessor())
        .compile(f);
  }

  @Test
  void instanceAsyncMethodInAConcreteClass() {
    JavaFileObject f =
        source(
            """
            public class D {
              @Async Coroutine<Void> m() {
                return Coroutine.done();
              }
            }
            """);
    assertThat(compile(f))
        .hadErrorContaining("the instance @Async method is declared in the non-abstract class")
        .inFile(f)
        .onLine(5)
        .atColumn(26);
  }

  @Test
  void instanceAsyncMethodInAnInterface() {
    JavaFileObject f =
        source(
            """
            public interface D {
              @Async default Coroutine<Void> m() {
                return Coroutine.done();
              }
            }
            """);
    assertThat(compile(f))
        .hadErrorContaining("@Async methods cannot be declared in the interface")
        .inFile(f)
        .onLine(5)
        .atColumn(34);
  }

  @Test
  void instanceAsyncMethodInAnInnerClass() {
    JavaFileObject f =
        source(
            """
            public class D {
              public abstract class Inner {
                @Async Coroutine<Void> m() {
                  return Coroutine.done();
                }
              }
            }
            """);
    assertThat(compile(f))
        .hadErrorContaining("instance @Async methods cannot be declared in the inner (non-static)")
        .inFile(f)
        .onLine(6)
        .atColumn(28);
  }

  @Test
  void asyncMethodInAPrivateClass() {
    JavaFileObject f =
        source(
            """
            public class D {
              private static class Hidden {
                @Async static Coroutine<Void> m() {
                  return Coroutine.done();
                }
              }
            }
            """);
    assertThat(compile(f))
        .hadErrorContaining("@Async methods cannot be declared in the private class")
        .inFile(f)
        .onLine(6)
        .atColumn(35);
  }

  @Test
  void yieldOutsideAnAsyncGenerator() {
    JavaFileObject f =
        source(
            """
            public class D {
              @Async static Coroutine<Void> m() {
                Yield.of(1);
                return Coroutine.done();
              }
            }
            """);
    assertThat(compile(f))
        .hadErrorContaining("Yield.of can only be used in an async generator")
        .inFile(f)
        .onLine(6)
        .atColumn(13);
  }

  @Test
  void yieldThatIsNotAStatementOfItsOwn() {
    JavaFileObject f =
        source(
            """
            public class D {
              @Async static AsyncGenerator<Integer> g(int k) {
                Object o = Yield.of(k);
                return AsyncGenerator.end();
              }
            }
            """);
    assertThat(compile(f))
        .hadErrorContaining("Yield.of(value) must be a statement of its own")
        .inFile(f)
        .onLine(6)
        .atColumn(24);
  }

  @Test
  void bareReturnInAnAsyncMethod() {
    JavaFileObject f =
        source(
            """
            public class D {
              @Async static Coroutine<Void> m(int k) {
                if (k > 0) {
                  Await.of(Coroutine.of(k));
                  return;
                }
                return Coroutine.done();
              }
            }
            """);
    assertThat(compile(f))
        .hadErrorContaining(
            "an @Async method returns its result with 'return Coroutine.of(value);'")
        .inFile(f)
        .onLine(8)
        .atColumn(7);
  }
}
