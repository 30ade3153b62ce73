package org.asyncio4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Gradle's incremental compilation: the processor is registered as {@code isolating} in {@code
 * META-INF/gradle/incremental.annotation.processors}, which promises Gradle that every generated
 * file is written through the (wrapped) {@link Filer} with exactly one originating element, whose
 * top-level type is the source file it was generated from. Gradle wraps the environment in a plain
 * class (not a {@link java.lang.reflect.Proxy}) whose {@code delegate} field holds javac's; this
 * test builds such a wrapper, records what goes through its Filer, and checks the promise.
 */
class GradleIncrementalTest {

  /** Shaped like Gradle's IncrementalProcessingEnvironment: a delegate field and its own Filer. */
  static final class IncrementalEnvironment implements ProcessingEnvironment {
    private final ProcessingEnvironment delegate;
    private final RecordingFiler filer;

    IncrementalEnvironment(ProcessingEnvironment delegate) {
      this.delegate = delegate;
      this.filer = new RecordingFiler(delegate.getFiler());
    }

    @Override
    public Map<String, String> getOptions() {
      return delegate.getOptions();
    }

    @Override
    public Messager getMessager() {
      return delegate.getMessager();
    }

    @Override
    public Filer getFiler() {
      return filer;
    }

    @Override
    public Elements getElementUtils() {
      return delegate.getElementUtils();
    }

    @Override
    public Types getTypeUtils() {
      return delegate.getTypeUtils();
    }

    @Override
    public SourceVersion getSourceVersion() {
      return delegate.getSourceVersion();
    }

    @Override
    public Locale getLocale() {
      return delegate.getLocale();
    }
  }

  /** A generated file and the originating elements it was created with. */
  record Created(String name, List<Element> originating) {}

  /** Records every file created, as Gradle's IncrementalFiler does. */
  static final class RecordingFiler implements Filer {
    final Filer delegate;
    final List<Created> created = new ArrayList<>();

    RecordingFiler(Filer delegate) {
      this.delegate = delegate;
    }

    @Override
    public JavaFileObject createSourceFile(CharSequence name, Element... originating)
        throws IOException {
      created.add(new Created(name.toString(), List.of(originating)));
      return delegate.createSourceFile(name, originating);
    }

    @Override
    public JavaFileObject createClassFile(CharSequence name, Element... originating)
        throws IOException {
      created.add(new Created(name.toString(), List.of(originating)));
      return delegate.createClassFile(name, originating);
    }

    @Override
    public FileObject createResource(
        JavaFileManager.Location location,
        CharSequence pkg,
        CharSequence relativeName,
        Element... originating)
        throws IOException {
      created.add(new Created(pkg + "/" + relativeName, List.of(originating)));
      return delegate.createResource(location, pkg, relativeName, originating);
    }

    @Override
    public FileObject getResource(
        JavaFileManager.Location location, CharSequence pkg, CharSequence relativeName)
        throws IOException {
      return delegate.getResource(location, pkg, relativeName);
    }
  }

  /** Runs the asyncio4j processor inside the Gradle-shaped environment. */
  static final class UnderGradle extends AbstractProcessor {
    final AsyncProcessor inner = new AsyncProcessor();
    IncrementalEnvironment env;

    @Override
    public synchronized void init(ProcessingEnvironment javac) {
      super.init(javac);
      env = new IncrementalEnvironment(javac);
      inner.init(env);
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

  private static TypeElement topLevel(Element e) {
    Element t = e;
    while (t.getEnclosingElement() != null
        && t.getEnclosingElement().getKind() != ElementKind.PACKAGE
        && t.getEnclosingElement().getKind() != ElementKind.MODULE) {
      t = t.getEnclosingElement();
    }
    return (TypeElement) t;
  }

  @Test
  void everyGeneratedFileHasExactlyOneOriginatingTopLevelType() {
    UnderGradle processor = new UnderGradle();
    Compilation c =
        Compiler.javac()
            .withProcessors(processor)
            .compile(
                JavaFileObjects.forSourceString(
                    "t.A",
                    "package t;\n"
                        + "import org.asyncio4j.*;\n"
                        + "public class A {\n"
                        + "  @Async static Coroutine<Integer> a() {\n"
                        + "    return Coroutine.of(Await.of(Coroutine.of(1)) + Await.of(B.b()));\n"
                        + "  }\n"
                        + "  static class Inner {\n"
                        + "    @Async static Coroutine<Integer> i() {\n"
                        + "      return Coroutine.of(Await.of(A.a()));\n"
                        + "    }\n"
                        + "  }\n"
                        + "}\n"),
                JavaFileObjects.forSourceString(
                    "t.B",
                    "package t;\n"
                        + "import org.asyncio4j.*;\n"
                        + "public class B {\n"
                        + "  @Async static Coroutine<Integer> b() {\n"
                        + "    return Coroutine.of(Await.of(Coroutine.of(2)));\n"
                        + "  }\n"
                        + "}\n"));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("t.AAsync");
    assertThat(c).generatedSourceFile("t.A_InnerAsync");
    assertThat(c).generatedSourceFile("t.BAsync");

    List<Created> created = processor.env.filer.created;
    assertEquals(
        Set.of("t.AAsync", "t.A_InnerAsync", "t.BAsync"),
        Set.copyOf(created.stream().map(Created::name).toList()),
        "every generated file goes through the wrapped Filer");
    for (Created file : created) {
      assertEquals(1, file.originating().size(), file.name() + ": originating elements");
      String expected = file.name().startsWith("t.B") ? "t.B" : "t.A";
      assertEquals(
          expected,
          topLevel(file.originating().get(0)).getQualifiedName().toString(),
          file.name() + ": the originating element's top-level type is its source file");
    }
  }

  @Test
  void registeredWithGradleAsIsolating() throws IOException {
    try (InputStream in =
        AsyncProcessor.class
            .getClassLoader()
            .getResourceAsStream("META-INF/gradle/incremental.annotation.processors")) {
      assertNotNull(in, "META-INF/gradle/incremental.annotation.processors is missing");
      assertEquals(
          AsyncProcessor.class.getName() + ",isolating", new String(in.readAllBytes(), UTF_8).trim());
    }
  }
}
