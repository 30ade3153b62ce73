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

  @Test
  void asyncMethodsOfPrecompiledClassesOnTheClassPath(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    String lib =
        "package lib;\n"
            + "import org.asyncio4j.*;\n"
            + "public class Remote {\n"
            + "  @Async public static Coroutine<String> call(String k) {\n"
            + "    return Coroutine.of(Await.of(Asyncio.sleep(1, k)) + \"?\");\n"
            + "  }\n"
            + "}\n";
    com.google.testing.compile.Compilation first = Harness.compileOnly(lib);
    for (javax.tools.JavaFileObject f : first.generatedFiles()) {
      if (f.getKind() == javax.tools.JavaFileObject.Kind.CLASS) {
        String n = f.toUri().getPath();
        n = n.substring(n.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length());
        java.nio.file.Path out = dir.resolve(n);
        java.nio.file.Files.createDirectories(out.getParent());
        try (java.io.InputStream in = f.openInputStream()) {
          java.nio.file.Files.write(out, in.readAllBytes());
        }
      }
    }
    String user =
        "package t;\n"
            + "import org.asyncio4j.*;\n"
            + "public class UsesJar {\n"
            + "  @Async static Coroutine<String> run() {\n"
            + "    return Coroutine.of(Await.of(lib.Remote.call(\"r\")));\n"
            + "  }\n"
            + "}\n";
    java.util.List<java.io.File> cp = new java.util.ArrayList<>();
    cp.add(dir.toFile());
    for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      cp.add(new java.io.File(e));
    }
    com.google.testing.compile.Compilation second =
        com.google.testing.compile.Compiler.javac()
            .withProcessors(new AsyncProcessor())
            .withClasspath(cp)
            .compile(com.google.testing.compile.JavaFileObjects.forSourceString("t.UsesJar", user));
    com.google.testing.compile.CompilationSubject.assertThat(second).succeeded();
    com.google.testing.compile.CompilationSubject.assertThat(second)
        .generatedSourceFile("t.UsesJarAsync")
        .contentsAsUtf8String()
        .contains("lib.RemoteAsync.call(\"r\")");
    ClassLoader libLoader =
        new java.net.URLClassLoader(
            new java.net.URL[] {dir.toUri().toURL()}, Harness.class.getClassLoader());
    java.util.Map<String, byte[]> classes = new java.util.HashMap<>();
    for (javax.tools.JavaFileObject f : second.generatedFiles()) {
      if (f.getKind() == javax.tools.JavaFileObject.Kind.CLASS) {
        String n = f.toUri().getPath();
        n =
            n.substring(
                n.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length(),
                n.length() - ".class".length());
        try (java.io.InputStream in = f.openInputStream()) {
          classes.put(n.replace('/', '.'), in.readAllBytes());
        }
      }
    }
    ClassLoader userLoader =
        new ClassLoader(libLoader) {
          @Override
          protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name);
            if (b == null) {
              throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
          }
        };
    java.lang.reflect.Method run = userLoader.loadClass("t.UsesJarAsync").getDeclaredMethod("run");
    run.setAccessible(true);
    assertEquals("r?", Asyncio.run((Coroutine<?>) run.invoke(null), Harness.VT));
  }
}
