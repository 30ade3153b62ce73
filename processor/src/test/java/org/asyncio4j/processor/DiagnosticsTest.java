package org.asyncio4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Every diagnostic of the processor: the message, and the exact line and column it points at. */
class DiagnosticsTest {
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
  void awaitOutsideAsync() {
    JavaFileObject f =
        source(
            "public class D {\n"
                + "  static int f() {\n"
                + "    return Await.of(Coroutine.of(1));\n"
                + "  }\n"
                + "}\n");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("Await.of can only be used inside an @Async method")
        .inFile(f)
        .onLine(6)
        .atColumn(20);
    assertThat(c).hadErrorContaining("Annotate the enclosing method with @Async");
  }

  @Test
  void awaitInLambda() {
    JavaFileObject f =
        source(
            "public class D {\n"
                + "  @Async static Coroutine<Void> m() {\n"
                + "    Runnable r = () -> Await.of(Coroutine.of(1));\n"
                + "    return Coroutine.done();\n"
                + "  }\n"
                + "}\n");
    assertThat(compile(f))
        .hadErrorContaining("cannot be used inside a lambda")
        .inFile(f)
        .onLine(6)
        .atColumn(32);
  }

  @Test
  void awaitInALambdaOfAChainedStreamCallWhoseStatementAlsoAwaits() {
    JavaFileObject f =
        source(
            "public class D {\n"
                + "  @Async static Coroutine<Integer> m(List<Integer> list, Coroutine<Integer> c) {\n"
                + "    int k = Await.of(c) + list.stream().map(x -> x + Await.of(c))"
                + ".reduce(0, Integer::sum);\n"
                + "    return Coroutine.of(k);\n"
                + "  }\n"
                + "}\n");
    assertThat(compile(f))
        .hadErrorContaining("cannot be used inside a lambda")
        .inFile(f)
        .onLine(6)
        .atColumn(62);
  }

  @Test
  void awaitInAnonymousClass() {
    JavaFileObject f =
        source(
            "public class D {\n"
                + "  @Async static Coroutine<Void> m() {\n"
                + "    Object o = new Object() {\n"
                + "      int x = Await.of(Coroutine.of(1));\n"
                + "    };\n"
                + "    return Coroutine.done();\n"
                + "  }\n"
                + "}\n");
    assertThat(compile(f))
        .hadErrorContaining("inside an anonymous or local class")
        .inFile(f)
        .onLine(7)
        .atColumn(23);
  }

  @Test
  void awaitInSynchronized() {
    JavaFileObject f =
        source(
            "public class D {\n"
                + "  @Async static Coroutine<Void> m(Object lock) {\n"
                + "    synchronized (lock) {\n"
                + "      Await.of(Asyncio.sleep(1));\n"
                + "    }\n"
                + "    return Coroutine.done();\n"
                + "  }\n"
                + "}\n");
    assertThat(compile(f))
        .hadErrorContaining("inside a synchronized block")
        .inFile(f)
        .onLine(7)
        .atColumn(15);
    assertThat(compile(f)).hadErrorContaining("Use an asyncio4j Lock instead");
  }

  @Test
  void wrongReturnType() {
    JavaFileObject f =
        source(
            "public class D {\n"
                + "  @Async static String m() {\n"
                + "    return \"x\";\n"
                + "  }\n"
                + "}\n");
    assertThat(compile(f))
        .hadErrorContaining(
            "must be declared to return Coroutine<T> (or AsyncGenerator<T>), but this one returns"
                + " java.lang.String. Change the return type to Coroutine<java.lang.String>")
        .inFile(f)
        .onLine(5)
        .atColumn(17);
  }

  @Test
  void abstractAndNativeMethods() {
    JavaFileObject f =
        source(
            "public abstract class D {\n"
                + "  @Async abstract Coroutine<Void> m();\n"
                + "  @Async static native Coroutine<Void> n();\n"
                + "}\n");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("cannot be abstract").inFile(f).onLine(5).atColumn(35);
    assertThat(c).hadErrorContaining("cannot be native").inFile(f).onLine(6).atColumn(40);
  }

  @Test
  void privateMethod() {
    JavaFileObject f =
        source(
            "public class D {\n"
                + "  @Async private static Coroutine<Void> m() {\n"
                + "    return Coroutine.done();\n"
                + "  }\n"
                + "}\n");
    assertThat(compile(f))
        .hadErrorContaining("cannot be private: the generated class DAsync")
        .inFile(f)
        .onLine(5)
        .atColumn(41);
  }

  @Test
  void instanceMethodInConcreteOrFinalClass() {
    JavaFileObject f =
        source(
            "public class D {\n"
                + "  @Async Coroutine<Void> m() {\n"
                + "    return Coroutine.done();\n"
                + "  }\n"
                + "}\n");
    assertThat(compile(f))
        .hadErrorContaining("declare D abstract and create instances with new" + " DAsync(...)")
        .inFile(f)
        .onLine(5)
        .atColumn(26);
    JavaFileObject g =
        source(
            "public final class D {\n"
                + "  @Async Coroutine<Void> m() {\n"
                + "    return Coroutine.done();\n"
                + "  }\n"
                + "}\n");
    assertThat(compile(g))
        .hadErrorContaining("declared in the final class D")
        .inFile(g)
        .onLine(5)
        .atColumn(26);
  }

  @Test
  void directCallToStaticAsyncMethod() {
    JavaFileObject f =
        source(
            "public class D {\n"
                + "  @Async static Coroutine<Integer> m() {\n"
                + "    return Coroutine.of(1);\n"
                + "  }\n"
                + "  static Object run() {\n"
                + "    return D.m();\n"
                + "  }\n"
                + "  static Object run2() {\n"
                + "    return m();\n"
                + "  }\n"
                + "}\n");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "D.m(...) is an @Async method: outside @Async methods call the"
                + " generated coroutine DAsync.m(...) instead")
        .inFile(f)
        .onLine(9)
        .atColumn(15);
    assertThat(c).hadErrorContaining("DAsync.m(...)").inFile(f).onLine(12).atColumn(13);
  }

  @Test
  void superMembersThatTheHostOverridesOrHides() {
    JavaFileObject f =
        source(
            "public abstract class D extends Base {\n"
                + "  @Override String who() { return \"d\"; }\n"
                + "  int f = 2;\n"
                + "  @Async Coroutine<String> m() {\n"
                + "    String a = super.who() + super.f + super.other();\n"
                + "    return Coroutine.of(a);\n"
                + "  }\n"
                + "}\n"
                + "class Base {\n"
                + "  int f = 1;\n"
                + "  String who() { return \"base\"; }\n"
                + "  String other() { return \"o\"; }\n"
                + "}\n");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "super.who(...) would reach D's own member, not its superclass's: the generated class"
                + " extends D, so 'super' there is D. Call it through a method of D that is not"
                + " @Async")
        .inFile(f)
        .onLine(8)
        .atColumn(21);
    assertThat(c).hadErrorContaining("super.f would reach D's own member").inFile(f).onLine(8);
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void privateMembersTheGeneratedClassCannotReach() {
    JavaFileObject f =
        source(
            "public class D {\n"
                + "  private static int secret = 1;\n"
                + "  private static int hidden() { return 2; }\n"
                + "  @Async static Coroutine<Integer> m() {\n"
                + "    int a = secret;\n"
                + "    return Coroutine.of(a + hidden());\n"
                + "  }\n"
                + "}\n");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "the field secret is private in D, so the generated class"
                + " DAsync cannot reach it. Make it package-private")
        .inFile(f)
        .onLine(8)
        .atColumn(13);
    assertThat(c)
        .hadErrorContaining("the method hidden(...) is private in D")
        .inFile(f)
        .onLine(9)
        .atColumn(35);
  }

  @Test
  void localWhoseTypeCannotBeAField() {
    JavaFileObject f =
        source(
            "public class D {\n"
                + "  @Async static Coroutine<Integer> m() {\n"
                + "    var anon = new Object() { int f = 1; };\n"
                + "    Await.of(Asyncio.sleep(1));\n"
                + "    return Coroutine.of(anon.f);\n"
                + "  }\n"
                + "}\n");
    assertThat(compile(f))
        .hadErrorContaining("the local variable 'anon' has the type")
        .inFile(f)
        .onLine(6)
        .atColumn(9);
  }

  @Test
  void unsupportedAwaitPositionsSayHowToRewrite() {
    JavaFileObject f =
        source(
            "public class D {\n"
                + "  static final class Holder { AutoCloseable res = () -> {}; }\n"
                + "  @Async static Coroutine<Integer> m(Holder h) throws Exception {\n"
                + "    try (h.res) {\n"
                + "      return Coroutine.of(Await.of(Coroutine.of(1)));\n"
                + "    }\n"
                + "  }\n"
                + "}\n");
    assertThat(compile(f))
        .hadErrorContaining(
            "Await.of is not supported inside a try-with-resources over an expression other than"
                + " a local variable or a field named by its simple name yet. Await the value first"
                + " into a local variable")
        .inFile(f)
        .onLine(7)
        .atColumn(11);
  }

  @Test
  void switchExpressionArgumentWhoseTargetIsUnknownBeforeAnAwait() {
    JavaFileObject f =
        source(
            "public class D {\n"
                + "  static String f(long v, int x) { return \"long\"; }\n"
                + "  static String f(Object v, int x) { return \"Object\"; }\n"
                + "  @Async static Coroutine<String> m(int k) {\n"
                + "    return Coroutine.of(f(switch (k) { case 0 -> 1; default -> 'a'; },"
                + " Await.of(Coroutine.of(k))));\n"
                + "  }\n"
                + "}\n");
    assertThat(compile(f))
        .hadErrorContaining(
            "this switch expression is evaluated before a later Await.of in the same call or"
                + " array initializer, and asyncio4j cannot tell the type it is passed as")
        .inFile(f)
        .onLine(8)
        .atColumn(27);
  }

  @Test
  void eachOutsideAnEnhancedFor() {
    JavaFileObject f =
        source(
            "public class D {\n"
                + "  static Object it;\n"
                + "  @Async static Coroutine<Integer> m() {\n"
                + "    Object o = Await.each(null);\n"
                + "    return Coroutine.of(1);\n"
                + "  }\n"
                + "}\n");
    assertThat(compile(f))
        .hadErrorContaining("Python's 'async for'")
        .inFile(f)
        .onLine(7)
        .atColumn(26);
  }

  @Test
  void warningsForDroppedCoroutinesAndBlockingCalls() {
    JavaFileObject f =
        source(
            "public class D {\n"
                + "  @Async static Coroutine<Integer> m() throws Exception {\n"
                + "    other();\n"
                + "    Asyncio.sleep(1);\n"
                + "    Thread.sleep(10);\n"
                + "    return Coroutine.of(1);\n"
                + "  }\n"
                + "  @Async static Coroutine<Void> other() {\n"
                + "    return Coroutine.done();\n"
                + "  }\n"
                + "}\n");
    Compilation c = compile(f);
    assertThat(c).succeeded();
    assertThat(c)
        .hadWarningContaining(
            "[asyncio4j:never-awaited] the coroutine returned by other() is never awaited")
        .inFile(f)
        .onLine(6)
        .atColumn(10);
    assertThat(c)
        .hadWarningContaining("Asyncio.sleep(1) is never awaited")
        .inFile(f)
        .onLine(7)
        .atColumn(18);
    assertThat(c)
        .hadWarningContaining("[asyncio4j:blocking-call] Thread.sleep blocks the event loop")
        .inFile(f)
        .onLine(8)
        .atColumn(17);
  }

  @Test
  void warningsCanBeSuppressedDeliberately() {
    JavaFileObject f =
        source(
            "public class D {\n"
                + "  @SuppressWarnings(\"asyncio4j\")\n"
                + "  @Async static Coroutine<Integer> m() throws Exception {\n"
                + "    Asyncio.sleep(1);\n"
                + "    Thread.sleep(10);\n"
                + "    return Coroutine.of(1);\n"
                + "  }\n"
                + "}\n");
    Compilation c = compile(f);
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void synchronizedMethodsAndPrivateConstructors() {
    JavaFileObject f =
        source(
            "public abstract class D {\n"
                + "  private D() {}\n"
                + "  @Async synchronized Coroutine<Void> m() {\n"
                + "    return Coroutine.done();\n"
                + "  }\n"
                + "}\n");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("cannot be synchronized").inFile(f).onLine(6).atColumn(39);
    assertThat(c)
        .hadErrorContaining("every constructor of D is private")
        .inFile(f)
        .onLine(6)
        .atColumn(39);
  }

  @Test
  void asyncCloseableOutsideAsyncMethods() {
    JavaFileObject f =
        source(
            "public class D {\n"
                + "  static void m(Lock lock) throws Exception {\n"
                + "    try (lock) {\n"
                + "      System.out.println();\n"
                + "    }\n"
                + "    Lock other = new Lock();\n"
                + "    other.close();\n"
                + "  }\n"
                + "}\n");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "lock is an AsyncCloseable: try-with-resources over it only"
                + " works inside an @Async method")
        .inFile(f)
        .onLine(6)
        .atColumn(10);
    assertThat(c)
        .hadErrorContaining("close() of an AsyncCloseable always fails")
        .inFile(f)
        .onLine(10)
        .atColumn(16);
  }

  @Test
  void closeOfAnAsyncCloseableThatOverridesCloseIsAllowed() {
    JavaFileObject f =
        source(
            "public abstract class D {\n"
                + "  static class Own implements AsyncCloseable {\n"
                + "    public Awaitable<?> enterAsync() { return Coroutine.done(); }\n"
                + "    public Awaitable<Boolean> exitAsync(Throwable e) {\n"
                + "      return Coroutine.of(false);\n"
                + "    }\n"
                + "    @Override public void close() {}\n"
                + "  }\n"
                + "  static final class SubOfOwn extends Own {}\n"
                + "  Server server;\n"
                + "  @Async static Coroutine<Void> h(StreamReader r, StreamWriter writer) {\n"
                + "    writer.close();\n"
                + "    Await.of(writer.waitClosed());\n"
                + "    return Coroutine.done();\n"
                + "  }\n"
                + "  @Async Coroutine<Void> stop(Own own, SubOfOwn sub) {\n"
                + "    server.close();\n"
                + "    sub.close();\n"
                + "    this.server.close();\n"
                + "    own.close();\n"
                + "    Await.of(server.waitClosed());\n"
                + "    return Coroutine.done();\n"
                + "  }\n"
                + "  static void sync(Server s, Own own) {\n"
                + "    try (s; own) {\n"
                + "      System.out.println();\n"
                + "    }\n"
                + "  }\n"
                + "}\n");
    Compilation c = compile(f);
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void closeOfAnAsyncCloseableWithTheDefaultCloseIsReported() {
    JavaFileObject f =
        source(
            "public abstract class D {\n"
                + "  static class Base implements AsyncCloseable {\n"
                + "    public Awaitable<?> enterAsync() { return Coroutine.done(); }\n"
                + "    public Awaitable<Boolean> exitAsync(Throwable e) {\n"
                + "      return Coroutine.of(false);\n"
                + "    }\n"
                + "  }\n"
                + "  static final class Sub extends Base {}\n"
                + "  Lock lock = new Lock();\n"
                + "  @Async Coroutine<Void> m(Sub sub, AsyncCloseable any) {\n"
                + "    lock.close();\n"
                + "    this.lock.close();\n"
                + "    sub.close();\n"
                + "    any.close();\n"
                + "    return Coroutine.done();\n"
                + "  }\n"
                + "}\n");
    Compilation c = compile(f);
    for (int line = 14; line <= 17; line++) {
      assertThat(c)
          .hadErrorContaining("close() of an AsyncCloseable always fails")
          .inFile(f)
          .onLine(line);
    }
    assertThat(c).hadErrorCount(4);
  }

  @Test
  void awaitInAnAssertStatement() {
    JavaFileObject f =
        source(
            "public class D {\n"
                + "  @Async static Coroutine<Void> m() {\n"
                + "    assert Await.of(Coroutine.of(true));\n"
                + "    return Coroutine.done();\n"
                + "  }\n"
                + "}\n");
    assertThat(compile(f))
        .hadErrorContaining("Await.of is not supported inside an assert" + " statement yet")
        .inFile(f)
        .onLine(6)
        .atColumn(5);
  }
}
