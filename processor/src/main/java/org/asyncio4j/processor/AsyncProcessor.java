package org.asyncio4j.processor;

import com.google.auto.service.AutoService;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.Writer;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * The asyncio4j annotation processor: for each class {@code C} with {@code @Async} methods, writes
 * {@code CAsync} holding one continuation state machine per method.
 *
 * <p>Phases, one class each: {@link Discovery} (hosts and methods), {@link Validation} (signatures,
 * await placement, warnings), {@link TypeAnalysis} (types of locals that become fields), {@link
 * Lowering} (statements and expressions to states; one class per construct), {@link Emission}
 * (JavaPoet). A class whose local types still refer to classes not generated yet is retried in the
 * next round.
 *
 * <p>Only public compiler APIs are used ({@code javax.annotation.processing}, {@code
 * javax.lang.model}, {@code com.sun.source}); the processing environment is unwrapped when an IDE
 * or build tool wraps it in a proxy. Compilers without javac's tree API (ECJ) get one clear error.
 */
@AutoService(Processor.class)
public final class AsyncProcessor extends AbstractProcessor {
  private Trees trees;
  private String unsupportedEnvironment;
  private Discovery discovery;
  private Validation validation;
  private TypeAnalysis typeAnalysis;

  /** Hosts to retry next round (qualified names: elements are re-created every round). */
  private final Set<String> deferred = new LinkedHashSet<>();

  private final Set<String> done = new HashSet<>();
  private final Set<CompilationUnitTree> checkedUnits = new HashSet<>();
  private boolean reportedEnvironment;

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    ProcessingEnvironment javacEnv = unwrap(env);
    try {
      trees = Trees.instance(javacEnv);
    } catch (RuntimeException | LinkageError e) {
      unsupportedEnvironment = env.getClass().getName();
      return;
    }
    discovery = new Discovery(env.getElementUtils(), trees);
    validation = new Validation(trees, discovery, env.getElementUtils(), env.getTypeUtils());
    typeAnalysis = new TypeAnalysis(trees);
  }

  /**
   * The javac environment behind an IntelliJ (JPS) or Gradle proxy: JPS's own unwrap helper, or the
   * proxy handler's delegate field.
   */
  static ProcessingEnvironment unwrap(ProcessingEnvironment env) {
    ProcessingEnvironment e = env;
    for (int depth = 0; depth < 5 && e != null; depth++) {
      if (e.getClass()
          .getName()
          .equals("com.sun.tools.javac.processing.JavacProcessingEnvironment")) {
        return e;
      }
      ProcessingEnvironment next = null;
      try {
        Class<?> wrappers =
            Class.forName(
                "org.jetbrains.jps.javac.APIWrappers", false, e.getClass().getClassLoader());
        Method m = wrappers.getMethod("unwrap", Class.class, Object.class);
        next = ProcessingEnvironment.class.cast(m.invoke(null, ProcessingEnvironment.class, e));
      } catch (ReflectiveOperationException | RuntimeException | LinkageError ignored) {
        // not IntelliJ
      }
      if ((next == null || next == e) && Proxy.isProxyClass(e.getClass())) {
        next = delegateOf(Proxy.getInvocationHandler(e));
      }
      if (next == null || next == e) {
        next = delegateOf(e);
      }
      if (next == null || next == e) {
        return e;
      }
      e = next;
    }
    return e;
  }

  private static ProcessingEnvironment delegateOf(Object holder) {
    for (Class<?> c = holder.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (ProcessingEnvironment.class.isAssignableFrom(f.getType())
            || (holder instanceof InvocationHandler && f.getType() == Object.class)) {
          try {
            f.setAccessible(true);
            Object v = f.get(holder);
            if (v instanceof ProcessingEnvironment && v != holder) {
              return (ProcessingEnvironment) v;
            }
          } catch (ReflectiveOperationException | RuntimeException ignored) {
            // inaccessible: try the next field
          }
        }
      }
    }
    return null;
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    TypeElement async = processingEnv.getElementUtils().getTypeElement(Discovery.ASYNC);
    if (async == null) {
      return false;
    }
    if (trees == null) {
      if (!reportedEnvironment && !round.getElementsAnnotatedWith(async).isEmpty()) {
        reportedEnvironment = true;
        processingEnv
            .getMessager()
            .printMessage(
                Diagnostic.Kind.ERROR,
                Diagnostics.notJavac(unsupportedEnvironment),
                round.getElementsAnnotatedWith(async).iterator().next());
      }
      return false;
    }
    Set<String> hosts = new LinkedHashSet<>(deferred);
    deferred.clear();
    for (Element e : round.getElementsAnnotatedWith(async)) {
      Element host = e.getEnclosingElement();
      if (host instanceof TypeElement) {
        hosts.add(((TypeElement) host).getQualifiedName().toString());
      }
    }
    Set<String> failedUnits = new HashSet<>();
    for (Element root : round.getRootElements()) {
      if (!(root instanceof TypeElement) || isGenerated(root)) {
        continue;
      }
      TreePath path = trees.getPath(root);
      if (path == null || !checkedUnits.add(path.getCompilationUnit())) {
        continue;
      }
      if (!validation.checkUnit(path.getCompilationUnit())) {
        failedUnits.add(path.getCompilationUnit().getSourceFile().getName());
      }
    }
    for (String name : hosts) {
      if (done.contains(name)) {
        continue;
      }
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type == null) {
        continue;
      }
      Discovery.Host host = discovery.discover(type);
      if (host == null || host.methods.isEmpty()) {
        continue;
      }
      if (failedUnits.contains(host.unit.getSourceFile().getName())) {
        done.add(name);
        continue;
      }
      try {
        if (generate(host)) {
          done.add(name);
        }
      } catch (RuntimeException | StackOverflowError e) {
        // A bug of the processor must not crash javac: report it on the class, with the cause.
        done.add(name);
        processingEnv
            .getMessager()
            .printMessage(Diagnostic.Kind.ERROR, Diagnostics.internalError(name, e), type);
      } catch (TypeAnalysis.Deferred d) {
        if (round.processingOver() || d.notFound) {
          done.add(name);
          if (d.notFound) {
            trees.printMessage(
                Diagnostic.Kind.ERROR,
                Diagnostics.unknownLocalType(d.variable.getName().toString()),
                d.variable,
                host.unit);
          }
        } else {
          deferred.add(name);
        }
      }
    }
    return false;
  }

  private static boolean isGenerated(Element e) {
    for (AnnotationMirror a : e.getAnnotationMirrors()) {
      if (a.getAnnotationType().toString().equals("javax.annotation.processing.Generated")
          && a.getElementValues().values().stream()
              .anyMatch(v -> v.toString().contains(AsyncProcessor.class.getName()))) {
        return true;
      }
    }
    return false;
  }

  /** Generates the host's class; false if errors were reported. */
  private boolean generate(Discovery.Host host) throws TypeAnalysis.Deferred {
    if (!validation.checkHost(host)) {
      return true;
    }
    SourceText text = new SourceText(host.unit, trees.getSourcePositions());
    List<Emission.Lowered> lowered = new ArrayList<>();
    boolean failed = false;
    for (Discovery.Method m : host.methods) {
      List<TreePath> locals = LoweredLocals.loweredLocals(m);
      Map<VariableTree, TypeMirror> types = typeAnalysis.typesOf(locals);
      Lowering lowering =
          new Lowering(
              host,
              m,
              text,
              trees,
              processingEnv.getElementUtils(),
              processingEnv.getTypeUtils(),
              discovery,
              types);
      StateMachine sm = lowering.lower();
      failed |= lowering.failed;
      lowered.add(new Emission.Lowered(m, sm, lowering));
    }
    if (failed) {
      return true;
    }
    String source =
        new Emission(
                host, text, processingEnv.getElementUtils().getBinaryName(host.type).toString())
            .emit(lowered);
    String qualified =
        host.packageName.isEmpty()
            ? host.generatedName
            : host.packageName + "." + host.generatedName;
    try {
      JavaFileObject file = processingEnv.getFiler().createSourceFile(qualified, host.type);
      try (Writer w = file.openWriter()) {
        w.write(source);
      }
    } catch (IOException e) {
      processingEnv
          .getMessager()
          .printMessage(
              Diagnostic.Kind.ERROR,
              "asyncio4j: could not write "
                  + qualified
                  + ": "
                  + e.getMessage()
                  + ". Check that the generated-sources directory is writable.",
              host.type);
    }
    return true;
  }
}
