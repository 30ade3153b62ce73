package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Straight-line bodies: statement-level awaits, returns, parameters, generics, instance methods.
 */
class StraightLineTest {
  static final String SOURCE =
      "package t;\n"
          + "import java.util.*;\n"
          + "import org.asyncio4j.*;\n"
          + "import static t.H.*;\n"
          + "public abstract class S {\n"
          + "  @Async\n"
          + "  static Coroutine<String> greet(List<String> log, String name) {\n"
          + "    log.add(\"start \" + name);\n"
          + "    String a = Await.of(d(\"x\"));\n"
          + "    log.add(a);\n"
          + "    String b = Await.of(p(\"y\"));\n"
          + "    log.add(b);\n"
          + "    Await.of(p(1));\n"
          + "    return Coroutine.of(name + a + b);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<Long> widen(List<String> log) {\n"
          + "    long l = Await.of(p(41));\n"
          + "    int i = Await.of(d(1));\n"
          + "    l += i;\n"
          + "    double dd = Await.of(p(2));\n"
          + "    log.add(\"\" + dd);\n"
          + "    return Coroutine.of(l);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static <T extends Comparable<T>> Coroutine<T> max(List<String> log, T x, T y) {\n"
          + "    T a = Await.of(p(x));\n"
          + "    T b = Await.of(d(y));\n"
          + "    return Coroutine.of(a.compareTo(b) >= 0 ? a : b);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<Void> fails(List<String> log) {\n"
          + "    log.add(\"before\");\n"
          + "    Await.of(pfail(new IllegalStateException(\"boom\")));\n"
          + "    log.add(\"not reached\");\n"
          + "    return Coroutine.done();\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<Integer> returnsAwaitable(List<String> log) {\n"
          + "    log.add(\"r\");\n"
          + "    return p(7);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> reassignParams(List<String> log, String name, int n) {\n"
          + "    name = name + Await.of(p(\"!\"));\n"
          + "    n = n + 1;\n"
          + "    n = Await.of(d(n * 2));\n"
          + "    return Coroutine.of(name + n);\n"
          + "  }\n"
          + "  @Async\n"
          + "  static Coroutine<String> callsOther(List<String> log) {\n"
          + "    String g = Await.of(greet(log, \"inner\"));\n"
          + "    String h = Await.of(S.greet(log, \"qualified\"));\n"
          + "    return Coroutine.of(g + \"|\" + h);\n"
          + "  }\n"
          + "  int count;\n"
          + "  @Async\n"
          + "  Coroutine<Integer> bump(List<String> log, int by) {\n"
          + "    count += by;\n"
          + "    int c = Await.of(p(count));\n"
          + "    this.count = c * 10;\n"
          + "    return Coroutine.of(count + helper());\n"
          + "  }\n"
          + "  int helper() { return 1; }\n"
          + "  static S create() { return new SAsync(); }\n"
          + "}\n";

  static Harness.Compiled compiled;

  @BeforeAll
  static void compile() {
    compiled =
        Harness.compile(
            Harness.HELPERS,
            SOURCE,
            Harness.reference(SOURCE, "S")
                .replace("public abstract class SRef", "public abstract class SRef"));
  }

  @Test
  void straightLineAwaitsOnDoneAndPendingValues() {
    Harness.assertSameAsSync(compiled, "S", "greet", "bob");
    List<String> log = new ArrayList<>();
    assertEquals("bobxy", compiled.run("t.SAsync", "greet", log, "bob"));
    assertEquals(List.of("start bob", "x", "y"), log);
  }

  @Test
  void primitiveTargetsWidenLikeJava() {
    Harness.assertSameAsSync(compiled, "S", "widen");
  }

  @Test
  void genericMethods() {
    Harness.assertSameAsSync(compiled, "S", "max", "a", "b");
    Harness.assertSameAsSync(compiled, "S", "max", 5, 3);
  }

  @Test
  void exceptionsPropagateWithIdentity() {
    Harness.assertSameAsSync(compiled, "S", "fails");
  }

  @Test
  void returnOfAnAwaitable() {
    Harness.assertSameAsSync(compiled, "S", "returnsAwaitable");
  }

  @Test
  void reassignedParameters() {
    Harness.assertSameAsSync(compiled, "S", "reassignParams", "n", 4);
  }

  @Test
  void callsToOtherAsyncMethodsReachGeneratedCode() {
    List<String> log = new ArrayList<>();
    assertEquals("innerxy|qualifiedxy", compiled.run("t.SAsync", "callsOther", log));
  }

  @Test
  void instanceMethodsThroughTheGeneratedSubclass() throws Exception {
    Object s = compiled.call("t.S", "create");
    java.lang.reflect.Method bump = s.getClass().getDeclaredMethod("bump", List.class, int.class);
    bump.setAccessible(true);
    Object coro = bump.invoke(s, new ArrayList<String>(), 3);
    assertEquals(31, org.asyncio4j.Asyncio.run((org.asyncio4j.Coroutine<?>) coro, Harness.VT));
  }

  @Test
  void generatedCodeIsReadable() {
    String src = compiled.generatedSource("t.SAsync");
    assertTrue(src.contains("@Generated(\"org.asyncio4j.processor.AsyncProcessor\")"), src);
    assertTrue(src.contains("// S.java:9  String a = Await.of(d(\"x\"));"), src);
    assertTrue(src.contains("String name;"), src);
    assertTrue(src.contains("return \"S.greet(S.java:7)\";"), src);
    assertTrue(src.contains("public class SAsync extends S"), src);
  }
}
