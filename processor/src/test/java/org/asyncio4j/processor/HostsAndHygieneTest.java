package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.junit.jupiter.api.Test;

/**
 * Name hygiene (user members named like the coroutine's inherited members), nested and generic
 * hosts, constructors of instance hosts, JDK futures, and classes deferred to the next round.
 */
class HostsAndHygieneTest {
  static Object invoke(Object target, String name, Object... args) throws Exception {
    for (Method m : target.getClass().getDeclaredMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == args.length) {
        m.setAccessible(true);
        return m.invoke(target, args);
      }
    }
    throw new AssertionError(name);
  }

  @Test
  void userMembersNamedLikeCoroutineMembers() throws Exception {
    String src =
        "package t;\n"
            + "import java.util.*;\n"
            + "import org.asyncio4j.*;\n"
            + "import static t.H.*;\n"
            + "public abstract class Hy {\n"
            + "  int label = 5;\n"
            + "  static String of(String s) { return \"of:\" + s; }\n"
            + "  String complete() { return \"user-complete\"; }\n"
            + "  @Override public String toString() { return \"Hy!\"; }\n"
            + "  @Async\n"
            + "  Coroutine<String> m(List<String> log) {\n"
            + "    int await = Await.of(d(1));\n"
            + "    String awaitResult = Await.of(p(\"r\"));\n"
            + "    String s = of(\"x\") + label + complete() + this.label + toString() +"
            + " Hy.this.label;\n"
            + "    int label = Await.of(p(3)) + await;\n"
            + "    Object anon = new Object() {\n"
            + "      @Override public String toString() { return \"anon\" + Hy.this.label +"
            + " this.getClass().isAnonymousClass(); }\n"
            + "    };\n"
            + "    return Coroutine.of(s + label + this.label + awaitResult + anon);\n"
            + "  }\n"
            + "  static Hy create() { return new HyAsync(); }\n"
            + "}\n";
    Harness.Compiled c = Harness.compile(Harness.HELPERS, src);
    Object hy = c.call("t.Hy", "create");
    Object coro = invoke(hy, "m", new ArrayList<String>());
    assertEquals(
        "of:x5user-complete5Hy!545ranon5true", Asyncio.run((Coroutine<?>) coro, Harness.VT));
    String gen = c.generatedSource("t.HyAsync");
    assertTrue(gen.contains("Hy.of(\"x\")"), gen);
    assertTrue(gen.contains("HyAsync.this.complete()"), gen);
    assertTrue(gen.contains("label$2 = "), gen);
  }

  @Test
  void nestedGenericHostsConstructorsAndJdkFutures() throws Exception {
    String src =
        "package t;\n"
            + "import java.util.*;\n"
            + "import java.util.concurrent.CompletableFuture;\n"
            + "import org.asyncio4j.*;\n"
            + "public class Outer {\n"
            + "  public static class Inner {\n"
            + "    @Async\n"
            + "    static Coroutine<Integer> twice(int x) {\n"
            + "      int v = Await.of(CompletableFuture.completedFuture(x));\n"
            + "      long w = Await.of(CompletableFuture.completedFuture(x));\n"
            + "      return Coroutine.of((int) (v + w));\n"
            + "    }\n"
            + "  }\n"
            + "  public abstract static class Repo<K> {\n"
            + "    final String prefix;\n"
            + "    protected Repo(String prefix, int... ignored) { this.prefix = prefix; }\n"
            + "    @Async\n"
            + "    public Coroutine<String> find(K key) {\n"
            + "      int n = Await.of(Outer_InnerAsync.twice(2));\n"
            + "      int m = Await.of(Inner.twice(3));\n"
            + "      return Coroutine.of(prefix + key + n + m);\n"
            + "    }\n"
            + "  }\n"
            + "  public static Repo<Long> repo() { return new Outer_RepoAsync<>(\"k\"); }\n"
            + "}\n";
    Harness.Compiled c = Harness.compile(src);
    Object repo = c.call("t.Outer", "repo");
    Object coro = repo.getClass().getMethod("find", Object.class).invoke(repo, 7L);
    assertEquals("k746", Asyncio.run((Coroutine<?>) coro, Harness.VT));
  }

  @Test
  void localsTypedByGeneratedClassesAreDeferredToTheNextRound() {
    String svc =
        "package t;\n"
            + "import org.asyncio4j.*;\n"
            + "public abstract class Svc {\n"
            + "  @Async Coroutine<String> get() { return Coroutine.of(\"svc\"); }\n"
            + "}\n";
    String user =
        "package t;\n"
            + "import org.asyncio4j.*;\n"
            + "public class User {\n"
            + "  @Async static Coroutine<String> run() {\n"
            + "    var s = new SvcAsync();\n"
            + "    String r = Await.of(s.get());\n"
            + "    return Coroutine.of(r + \"!\");\n"
            + "  }\n"
            + "}\n";
    Harness.Compiled c = Harness.compile(svc, user);
    assertEquals("svc!", c.run("t.UserAsync", "run"));
    assertTrue(c.generatedSource("t.UserAsync").contains("SvcAsync s;"));
  }

  @Test
  void lambdasCaptureTheValueOfTheirIteration() {
    String src =
        "package t;\n"
            + "import java.util.*;\n"
            + "import java.util.function.*;\n"
            + "import org.asyncio4j.*;\n"
            + "public class L {\n"
            + "  @Async static Coroutine<String> run() {\n"
            + "    List<Supplier<String>> out = new ArrayList<>();\n"
            + "    for (String s : List.of(\"a\", \"b\", \"c\")) {\n"
            + "      String t = Await.of(Coroutine.of(s + s));\n"
            + "      out.add(() -> s + t);\n"
            + "    }\n"
            + "    StringBuilder sb = new StringBuilder();\n"
            + "    for (Supplier<String> f : out) sb.append(f.get()).append(' ');\n"
            + "    return Coroutine.of(sb.toString());\n"
            + "  }\n"
            + "}\n";
    Harness.Compiled c = Harness.compile(src);
    assertEquals("aaa bbb ccc ", c.run("t.LAsync", "run"));
  }

  @Test
  void staticallyImportedAsyncMethodsAndTheUnnamedPackage() {
    String lib =
        "package lib;\n"
            + "import org.asyncio4j.*;\n"
            + "public class Lib {\n"
            + "  @Async public static Coroutine<String> fetch(String k) {\n"
            + "    String v = Await.of(Asyncio.sleep(1, k + \"!\"));\n"
            + "    return Coroutine.of(v);\n"
            + "  }\n"
            + "}\n";
    String user =
        "import static lib.Lib.fetch;\n"
            + "import org.asyncio4j.*;\n"
            + "public class NoPackage {\n"
            + "  static int helper() { return 7; }\n"
            + "  static final String PREFIX = \"p\";\n"
            + "  @Async static Coroutine<String> run() {\n"
            + "    String a = Await.of(fetch(\"a\"));\n"
            + "    return Coroutine.of(PREFIX + a + helper());\n"
            + "  }\n"
            + "}\n";
    Harness.Compiled c = Harness.compile(lib, user);
    assertEquals("pa!7", c.run("NoPackageAsync", "run"));
  }
}
