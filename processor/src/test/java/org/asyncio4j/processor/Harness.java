package org.asyncio4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;

/**
 * Compiles {@code @Async} sources with the processor (compile-testing), loads the generated class
 * files in memory and runs coroutines on a virtual-time loop; runs the same bodies synchronously
 * for differential checks.
 */
final class Harness {
  static final RunOptions VT = RunOptions.create().virtualTime(true);

  /**
   * Helpers for test bodies. {@code d(v)}: an already-done awaitable; {@code p(v)}: one that
   * completes later through the loop; {@code fail(e)} / {@code pfail(e)}: done / later failures. In
   * the synchronous reference, {@code sync(a)} replaces {@code Await.of(a)}.
   */
  static final String HELPERS =
      "package t;\n"
          + "import java.util.*;\n"
          + "import org.asyncio4j.*;\n"
          + "public final class H {\n"
          + "  private H() {}\n"
          + "  static final Map<Object, Object[]> TABLE = new IdentityHashMap<>();\n"
          + "  static <T> Coroutine<T> reg(Coroutine<T> c, Object v, Throwable e) {\n"
          + "    TABLE.put(c, new Object[] {v, e});\n"
          + "    return c;\n"
          + "  }\n"
          + "  public static <T> Coroutine<T> d(T v) { return reg(Coroutine.of(v), v, null); }\n"
          + "  public static <T> Coroutine<T> p(T v) { return reg(Asyncio.sleep(1, v), v, null);"
          + " }\n"
          + "  public static <T> Coroutine<T> ret(T v) { return d(v); }\n"
          + "  public static <T> Coroutine<T> fail(RuntimeException e) {\n"
          + "    return reg(new Coroutine<T>() {\n"
          + "      @Override protected void resume() { throw e; }\n"
          + "    }, null, e);\n"
          + "  }\n"
          + "  public static <T> Coroutine<T> pfail(RuntimeException e) {\n"
          + "    return reg(new Coroutine<T>() {\n"
          + "      @Override protected void resume() {\n"
          + "        if (label == 0) { if (!await(Asyncio.sleep(1), 1)) return; }\n"
          + "        awaitResult();\n"
          + "        throw e;\n"
          + "      }\n"
          + "    }, null, e);\n"
          + "  }\n"
          + "  public static <T> T log(List<String> log, String what, T v) {\n"
          + "    log.add(what + '=' + v);\n"
          + "    return v;\n"
          + "  }\n"
          + "  @SuppressWarnings(\"unchecked\")\n"
          + "  public static <T> T sync(Awaitable<T> a) {\n"
          + "    Object[] r = TABLE.get(a);\n"
          + "    if (r == null) throw new AssertionError(\"unknown awaitable \" + a);\n"
          + "    if (r[1] != null) throw (RuntimeException) r[1];\n"
          + "    return (T) r[0];\n"
          + "  }\n"
          + "  public static <T, X extends Throwable> T sync(Awaitable<T> a, Class<X> x) throws X"
          + " {\n"
          + "    return sync(a);\n"
          + "  }\n"
          + "}\n";

  /** The outcome of a compilation whose class files can be loaded. */
  static final class Compiled {
    final Compilation compilation;
    final ClassLoader loader;

    Compiled(Compilation compilation, ClassLoader loader) {
      this.compilation = compilation;
      this.loader = loader;
    }

    String generatedSource(String qualifiedName) {
      try {
        return compilation
            .generatedSourceFile(qualifiedName)
            .orElseThrow(() -> new AssertionError("no generated " + qualifiedName))
            .getCharContent(true)
            .toString();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    Class<?> load(String name) {
      try {
        return loader.loadClass(name);
      } catch (ClassNotFoundException e) {
        throw new AssertionError(e);
      }
    }

    /** Calls a static method (e.g. the generated entry point) and returns its value. */
    Object call(String className, String method, Object... args) {
      Class<?> c = load(className);
      for (Method m : c.getDeclaredMethods()) {
        if (m.getName().equals(method) && m.getParameterCount() == args.length) {
          m.setAccessible(true);
          try {
            return m.invoke(null, args);
          } catch (InvocationTargetException e) {
            throw sneaky(e.getCause());
          } catch (IllegalAccessException e) {
            throw new AssertionError(e);
          }
        }
      }
      throw new AssertionError("no method " + className + "." + method);
    }

    /** Runs {@code className.method(args)} (a coroutine) on a virtual-time loop. */
    Object run(String className, String method, Object... args) {
      Coroutine<?> c = (Coroutine<?>) call(className, method, args);
      return Asyncio.run(c, VT);
    }

    /** The synchronous reference of a coroutine method: its body with awaits done in place. */
    Object runSync(String className, String method, Object... args) {
      Object c = call(className, method, args);
      return call("t.H", "sync", c);
    }
  }

  @SuppressWarnings("unchecked")
  static <E extends Throwable> E sneaky(Throwable t) throws E {
    throw (E) t;
  }

  static Compilation compileOnly(String... sources) {
    List<JavaFileObject> files = new ArrayList<>();
    for (String s : sources) {
      files.add(JavaFileObjects.forSourceString(nameOf(s), s));
    }
    return Compiler.javac()
        .withProcessors(new AsyncProcessor())
        .withOptions("-Xlint:all,-processing,-serial")
        .compile(files);
  }

  static String nameOf(String source) {
    String pkg = "";
    java.util.regex.Matcher pm =
        java.util.regex.Pattern.compile("(?m)^package\\s+([\\w.]+);").matcher(source);
    if (pm.find()) {
      pkg = pm.group(1) + ".";
    }
    java.util.regex.Matcher cm =
        java.util.regex.Pattern.compile(
                "(?m)^(?:public\\s+)?(?:abstract\\s+|final\\s+)*"
                    + "(?:class|interface|enum|record)\\s+(\\w+)")
            .matcher(source);
    if (!cm.find()) {
      throw new IllegalArgumentException("no top-level class in " + source);
    }
    return pkg + cm.group(1);
  }

  /** Compiles, fails the test on any error or warning, and loads the result. */
  static Compiled compile(String... sources) {
    Compilation c = compileOnly(sources);
    List<String> problems = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR
          || d.getKind() == Diagnostic.Kind.WARNING
          || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING) {
        problems.add(d.toString());
      }
    }
    if (c.status() != Compilation.Status.SUCCESS || !problems.isEmpty()) {
      StringBuilder sb = new StringBuilder("compilation problems:\n");
      problems.forEach(p -> sb.append(p).append('\n'));
      for (JavaFileObject f :
          c.status() == Compilation.Status.SUCCESS
              ? c.generatedSourceFiles()
              : List.<JavaFileObject>of()) {
        try {
          sb.append("---- ").append(f.getName()).append('\n').append(f.getCharContent(true));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      fail(sb.toString());
    }
    return new Compiled(c, loaderOf(c));
  }

  static ClassLoader loaderOf(Compilation c) {
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject f : c.generatedFiles()) {
      if (f.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String n = f.toUri().getPath();
      int at = n.indexOf("CLASS_OUTPUT/");
      n = n.substring(at + "CLASS_OUTPUT/".length(), n.length() - ".class".length());
      try (InputStream in = f.openInputStream()) {
        classes.put(n.replace('/', '.'), in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new ClassLoader(Harness.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] b = classes.get(name);
        if (b == null) {
          throw new ClassNotFoundException(name);
        }
        return defineClass(name, b, 0, b.length);
      }
    };
  }

  /**
   * The synchronous reference of a test class: {@code @Async} removed, {@code Await.of} run in
   * place by {@code H.sync}, {@code Coroutine.of} registered so that its value can be read.
   */
  static String reference(String source, String className) {
    return source
        .replace("@Async", "")
        .replace("Await.of(", "H.sync(")
        .replace("Coroutine.of(", "H.ret(")
        .replace("Coroutine.done()", "H.<Void>ret(null)")
        .replace(" " + className + ".", " " + className + "Ref.")
        .replace("(" + className + ".", "(" + className + "Ref.")
        .replace("class " + className + " ", "class " + className + "Ref ")
        .replace("class " + className + "{", "class " + className + "Ref{");
  }

  /** Result or exception, comparable across the two runs. */
  static String outcome(java.util.function.Supplier<Object> run) {
    try {
      return "value " + Objects.toString(run.get());
    } catch (Throwable t) {
      return "throws " + t.getClass().getName() + ": " + t.getMessage();
    }
  }

  /**
   * Runs {@code method(log)} of class {@code t.<className>} as a coroutine and synchronously,
   * comparing result/exception and the log of side effects.
   */
  static void assertSameAsSync(Compiled c, String className, String method, Object... extra) {
    List<String> asyncLog = new ArrayList<>();
    List<String> syncLog = new ArrayList<>();
    Object[] a = withLog(asyncLog, extra);
    Object[] s = withLog(syncLog, extra);
    String asyncOut = outcome(() -> c.run("t." + className + "Async", method, a));
    String syncOut = outcome(() -> c.runSync("t." + className + "Ref", method, s));
    assertEquals(syncOut + " " + syncLog, asyncOut + " " + asyncLog, method);
  }

  private static Object[] withLog(List<String> log, Object[] extra) {
    Object[] out = new Object[extra.length + 1];
    out[0] = log;
    System.arraycopy(extra, 0, out, 1, extra.length);
    return out;
  }
}
