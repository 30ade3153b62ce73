package org.asyncio4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * IDEs and build tools wrap the processing environment in a {@link Proxy} (IntelliJ's JPS, Gradle's
 * incremental processing): the processor unwraps it; an environment without javac's tree API (ECJ)
 * gets one clear error.
 */
class EnvironmentTest {
  static final JavaFileObject SOURCE =
      JavaFileObjects.forSourceString(
          "t.W",
          "package t;\n"
              + "import org.asyncio4j.*;\n"
              + "public class W {\n"
              + "  @Async static Coroutine<Integer> m() {\n"
              + "    int x = Await.of(Coroutine.of(41));\n"
              + "    return Coroutine.of(x + 1);\n"
              + "  }\n"
              + "}\n");

  /** A handler like IntelliJ's: the real environment sits in a field named {@code delegate}. */
  static final class DelegatingHandler implements InvocationHandler {
    final ProcessingEnvironment delegate;

    DelegatingHandler(ProcessingEnvironment delegate) {
      this.delegate = delegate;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(delegate, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

  /** A handler that hides the environment (as a non-javac compiler would). */
  static final class OpaqueHandler implements InvocationHandler {
    final Object[] hidden;

    OpaqueHandler(ProcessingEnvironment env) {
      this.hidden = new Object[] {env};
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(hidden[0], args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

  /** Runs the asyncio4j processor with a proxied environment. */
  static final class Wrapping extends AbstractProcessor {
    final AsyncProcessor inner = new AsyncProcessor();
    final boolean opaque;

    Wrapping(boolean opaque) {
      this.opaque = opaque;
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      InvocationHandler h = opaque ? new OpaqueHandler(env) : new DelegatingHandler(env);
      inner.init(
          (ProcessingEnvironment)
              Proxy.newProxyInstance(
                  getClass().getClassLoader(), new Class<?>[] {ProcessingEnvironment.class}, h));
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return inner.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return inner.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return inner.process(annotations, round);
    }
  }

  @Test
  void proxyWrappedEnvironmentIsUnwrapped() throws Exception {
    Compilation c = Compiler.javac().withProcessors(new Wrapping(false)).compile(SOURCE);
    assertThat(c).succeeded();
    assertThat(c)
        .generatedSourceFile("t.WAsync")
        .contentsAsUtf8String()
        .contains("if (($ready = awaitReady(Coroutine.of(41), 1)) == null) return;");
    Method m = Harness.loaderOf(c).loadClass("t.WAsync").getDeclaredMethod("m");
    m.setAccessible(true);
    Object coro = m.invoke(null);
    org.junit.jupiter.api.Assertions.assertEquals(
        42, org.asyncio4j.Asyncio.run((org.asyncio4j.Coroutine<?>) coro, Harness.VT));
  }

  @Test
  void environmentWithoutJavacTreesGetsOneClearError() {
    Compilation c = Compiler.javac().withProcessors(new Wrapping(true)).compile(SOURCE);
    assertThat(c).hadErrorContaining("needs javac's tree API (com.sun.source.util.Trees)");
    assertThat(c).hadErrorContaining("ECJ compiler is not supported");
  }
}
