package org.asyncio4j.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.sun.source.tree.ImportTree;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Writes the generated class {@code CAsync} with JavaPoet: entry points, one coroutine class per
 * {@code @Async} method (fields, constructor, {@code resume()}, {@code describe()}), the user's
 * imports so that copied code resolves as in the original file.
 */
final class Emission {
  static final ClassName COROUTINE = ClassName.get("org.asyncio4j", "Coroutine");

  /** One lowered method. */
  static final class Lowered {
    final Discovery.Method method;
    final StateMachine sm;
    final Lowering lowering;

    Lowered(Discovery.Method method, StateMachine sm, Lowering lowering) {
      this.method = method;
      this.sm = sm;
      this.lowering = lowering;
    }
  }

  private final Discovery.Host host;
  private final SourceText text;
  private final String binaryName;

  Emission(Discovery.Host host, SourceText text, String binaryName) {
    this.host = host;
    this.text = text;
    this.binaryName = binaryName;
  }

  /**
   * The generated source file's text. Emitted once without line tables (empty {@code $genLines} /
   * {@code $srcLines}), scanned for the lines of each coroutine's {@code resume()} and of the
   * {@code // File.java:N} comments in it ({@link #lineTables}), then emitted again with the tables
   * filled in: they are one-line array initializers, so the line numbers do not change (checked;
   * repeated until they agree, which the second pass always does).
   */
  String emit(List<Lowered> methods) {
    String first = emit(methods, Set.of(), Map.of());
    Set<String> conflicts = conflictingImports(first);
    String out = conflicts.isEmpty() ? first : emit(methods, conflicts, Map.of());
    Set<String> classes = new HashSet<>();
    for (Lowered l : methods) {
      if (!isGenerator(l.method.element)) {
        classes.add(l.method.className);
      }
    }
    Map<String, int[][]> tables = lineTables(out, classes);
    for (int pass = 0; pass < 3; pass++) {
      out = emit(methods, conflicts, tables);
      Map<String, int[][]> again = lineTables(out, classes);
      if (sameTables(again, tables)) {
        break;
      }
      tables = again;
    }
    return out;
  }

  /**
   * For each coroutine class of {@code classes}, the sorted (generated line, source line) pairs of
   * its {@code resume()} in the generated text: one per {@code // File.java:N} comment (the line of
   * the comment, N), plus (the line of {@code resume()}'s header, -1) first and (the line of its
   * closing brace, -1) last, so that lines outside {@code resume()} map to -1. Lines are 1-based,
   * those of the final text javac compiles.
   */
  private Map<String, int[][]> lineTables(String generated, Set<String> classes) {
    Map<String, int[][]> out = new LinkedHashMap<>();
    String comment = "// " + host.fileName() + ":";
    java.util.regex.Pattern header =
        java.util.regex.Pattern.compile("^  (?:[a-z]+ )*class ([\\w$]+)\\b.*");
    String[] lines = generated.split("\n", -1);
    String current = null;
    List<int[]> pairs = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int number = i + 1;
      if (pairs == null) {
        java.util.regex.Matcher h = header.matcher(line);
        if (h.matches()) {
          current = classes.contains(h.group(1)) ? h.group(1) : null;
        } else if (current != null
            && !out.containsKey(current)
            && line.equals("    protected void resume() throws Throwable {")) {
          pairs = new ArrayList<>();
          pairs.add(new int[] {number, -1});
        }
        continue;
      }
      if (line.equals("    }")) {
        pairs.add(new int[] {number, -1});
        int[][] table = new int[2][pairs.size()];
        for (int k = 0; k < pairs.size(); k++) {
          table[0][k] = pairs.get(k)[0];
          table[1][k] = pairs.get(k)[1];
        }
        out.put(current, table);
        pairs = null;
        continue;
      }
      String t = line.trim();
      if (t.startsWith(comment)) {
        int end = comment.length();
        while (end < t.length() && Character.isDigit(t.charAt(end))) {
          end++;
        }
        if (end > comment.length() && end - comment.length() < 10) {
          pairs.add(new int[] {number, Integer.parseInt(t.substring(comment.length(), end))});
        }
      }
    }
    return out;
  }

  private static boolean sameTables(Map<String, int[][]> a, Map<String, int[][]> b) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    for (Map.Entry<String, int[][]> e : a.entrySet()) {
      if (!java.util.Arrays.deepEquals(e.getValue(), b.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** The elements of {@code values} separated by ", ". */
  private static String joined(int[] values) {
    StringBuilder sb = new StringBuilder();
    for (int v : values) {
      sb.append(sb.length() == 0 ? "" : ", ").append(v);
    }
    return sb.toString();
  }

  /**
   * Simple names that JavaPoet imported from a different class than the user's single-type import
   * of the same name: those must be written qualified.
   */
  private Set<String> conflictingImports(String generated) {
    Map<String, String> user = new java.util.HashMap<>();
    for (ImportTree imp : host.unit.getImports()) {
      String q = imp.getQualifiedIdentifier().toString();
      if (!imp.isStatic() && !q.endsWith(".*")) {
        user.put(q.substring(q.lastIndexOf('.') + 1), q);
      }
    }
    Set<String> out = new HashSet<>();
    for (String line : generated.split("\n")) {
      if (line.startsWith("import ") && !line.startsWith("import static ")) {
        String q = line.substring("import ".length(), line.length() - 1).trim();
        String simple = q.substring(q.lastIndexOf('.') + 1);
        if (user.containsKey(simple) && !user.get(simple).equals(q)) {
          out.add(simple);
        }
      }
    }
    return out;
  }

  private String emit(
      List<Lowered> methods, Set<String> conflicts, Map<String, int[][]> tables) {
    boolean instance = host.hasInstanceMethods();
    TypeSpec.Builder cls =
        TypeSpec.classBuilder(host.generatedName)
            .addModifiers(Modifier.PUBLIC)
            .addOriginatingElement(host.type)
            .addAnnotation(
                AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
                    .addMember("value", "$S", AsyncProcessor.class.getName())
                    .build())
            .addJavadoc(
                "The coroutines of {@link $L}'s {@code @Async} methods, generated by the"
                    + " asyncio4j processor.\n",
                hostReference());
    cls.alwaysQualify(conflicts.toArray(new String[0]));
    if (instance) {
      for (TypeParameterElement tp : host.type.getTypeParameters()) {
        cls.addTypeVariable(TypeVariableName.get(tp));
      }
      cls.superclass(TypeName.get(host.type.asType()));
      boolean stillAbstract = false;
      for (ExecutableElement m : ElementFilter.methodsIn(host.type.getEnclosedElements())) {
        if (m.getModifiers().contains(Modifier.ABSTRACT) && !Discovery.isAsync(m)) {
          stillAbstract = true;
        }
      }
      if (stillAbstract) {
        cls.addModifiers(Modifier.ABSTRACT);
      }
      for (ExecutableElement c : ElementFilter.constructorsIn(host.type.getEnclosedElements())) {
        if (c.getModifiers().contains(Modifier.PRIVATE)) {
          continue;
        }
        MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
        if (c.getModifiers().contains(Modifier.PUBLIC)) {
          ctor.addModifiers(Modifier.PUBLIC);
        } else if (c.getModifiers().contains(Modifier.PROTECTED)) {
          ctor.addModifiers(Modifier.PROTECTED);
        }
        List<String> names = new ArrayList<>();
        for (VariableElement p : c.getParameters()) {
          ctor.addParameter(TypeName.get(p.asType()), p.getSimpleName().toString());
          names.add(p.getSimpleName().toString());
        }
        ctor.varargs(c.isVarArgs());
        for (TypeMirror t : c.getThrownTypes()) {
          ctor.addException(TypeName.get(t));
        }
        ctor.addStatement("super($L)", String.join(", ", names));
        cls.addMethod(ctor.build());
      }
    } else {
      cls.addModifiers(Modifier.FINAL);
      cls.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    }
    for (Lowered l : methods) {
      cls.addMethod(entryPoint(l.method));
      cls.addType(coroutineClass(l, tables.get(l.method.className)));
    }
    JavaFile file =
        JavaFile.builder(host.packageName, cls.build())
            .skipJavaLangImports(true)
            .indent("  ")
            .build();
    return withUserImports(file.toString());
  }

  private String hostReference() {
    return host.type.getQualifiedName().toString();
  }

  private MethodSpec entryPoint(Discovery.Method m) {
    ExecutableElement e = m.element;
    MethodSpec.Builder b = MethodSpec.methodBuilder(m.name());
    if (m.isStatic()) {
      b.addModifiers(Modifier.STATIC);
      if (e.getModifiers().contains(Modifier.PUBLIC)) {
        b.addModifiers(Modifier.PUBLIC);
      }
      b.addJavadoc(
          "Returns the coroutine of {@link $L#$L}; nothing runs until it is awaited or"
              + " scheduled.\n",
          hostReference(),
          m.name());
    } else {
      b.addAnnotation(Override.class);
      for (Modifier mod : e.getModifiers()) {
        if (mod == Modifier.PUBLIC || mod == Modifier.PROTECTED) {
          b.addModifiers(mod);
        }
      }
    }
    List<TypeVariableName> tvs = new ArrayList<>();
    for (TypeParameterElement tp : e.getTypeParameters()) {
      tvs.add(TypeVariableName.get(tp));
    }
    b.addTypeVariables(tvs);
    b.returns(TypeName.get(e.getReturnType()));
    List<String> names = new ArrayList<>();
    for (VariableElement p : e.getParameters()) {
      b.addParameter(
          ParameterSpec.builder(TypeName.get(p.asType()), p.getSimpleName().toString()).build());
      names.add(p.getSimpleName().toString());
    }
    b.varargs(e.isVarArgs());
    for (TypeMirror t : e.getThrownTypes()) {
      b.addException(TypeName.get(t));
    }
    b.addStatement(
        "return new $L$L($L)", m.className, tvs.isEmpty() ? "" : "<>", String.join(", ", names));
    return b.build();
  }

  private TypeSpec coroutineClass(Lowered l, int[][] table) {
    Discovery.Method m = l.method;
    StateMachine sm = l.sm;
    ExecutableElement e = m.element;
    TypeName ret = TypeName.get(e.getReturnType());
    TypeName result =
        ret instanceof ParameterizedTypeName
            ? ((ParameterizedTypeName) ret).typeArguments().get(0)
            : ClassName.OBJECT;
    TypeSpec.Builder b =
        TypeSpec.classBuilder(m.className)
            .addModifiers(Modifier.PRIVATE, Modifier.FINAL)
            .superclass(
                ParameterizedTypeName.get(
                    isGenerator(e) ? ClassName.get("org.asyncio4j", "AsyncGenerator") : COROUTINE,
                    result))
            .addJavadoc("The state machine of {@link $L#$L}.\n", hostReference(), m.name())
            .addAnnotation(
                AnnotationSpec.builder(SuppressWarnings.class)
                    // The user's own method already reports these for the code copied here.
                    .addMember(
                        "value",
                        "{$S, $S, $S, $S, $S}",
                        "unchecked",
                        "rawtypes",
                        "deprecation",
                        "removal",
                        "try")
                    .build());
    if (m.isStatic()) {
      b.addModifiers(Modifier.STATIC);
    }
    for (TypeParameterElement tp : e.getTypeParameters()) {
      b.addTypeVariable(TypeVariableName.get(tp));
    }
    for (Map.Entry<String, TypeName> f : sm.fields.entrySet()) {
      b.addField(f.getValue(), f.getKey());
    }
    MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
    for (String p : sm.parameters) {
      ctor.addParameter(sm.fields.get(p), p);
      ctor.addStatement("this.$L = $L", p, p);
    }
    b.addMethod(ctor.build());
    b.addMethod(
        MethodSpec.methodBuilder("resume")
            .addAnnotation(Override.class)
            .addAnnotation(
                AnnotationSpec.builder(SuppressWarnings.class)
                    .addMember("value", "{$S, $S}", "fallthrough", "cast")
                    .build())
            .addModifiers(Modifier.PROTECTED)
            .addException(Throwable.class)
            .addCode(CodeBlock.of("$L", resumeBody(l)))
            .build());
    if (!isGenerator(e)) {
      StringBuilder lines = new StringBuilder();
      for (StateMachine.State st : sm.states) {
        lines.append(lines.length() == 0 ? "" : ", ").append(st.line);
      }
      b.addField(
          com.palantir.javapoet.FieldSpec.builder(
                  int[].class, "$lines", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
              .addJavadoc("The source line of each state, for async stack traces.\n")
              .initializer("{$L}", lines)
              .build());
      b.addField(
          com.palantir.javapoet.FieldSpec.builder(
                  int[].class, "$genLines", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
              .addJavadoc(
                  "The lines of this file that start a statement of {@code resume()}, sorted.\n")
              .initializer("{$L}", table == null ? "" : joined(table[0]))
              .build());
      b.addField(
          com.palantir.javapoet.FieldSpec.builder(
                  int[].class, "$srcLines", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
              .addJavadoc(
                  "The source line of each statement of {@code $$genLines}, -1 outside"
                      + " {@code resume()}.\n")
              .initializer("{$L}", table == null ? "" : joined(table[1]))
              .build());
      b.addMethod(
          MethodSpec.methodBuilder("sourceFrame")
              .addAnnotation(Override.class)
              .addModifiers(Modifier.PROTECTED)
              .returns(StackTraceElement.class)
              .addParameter(int.class, "label")
              .addStatement(
                  "return new StackTraceElement($S, $S, $S, label >= 0 && label < $$lines"
                      + ".length ? $$lines[label] : $L)",
                  binaryName,
                  m.name(),
                  host.fileName(),
                  text.line(m.tree.getReturnType() != null ? m.tree.getReturnType() : m.tree))
              .build());
      b.addMethod(
          MethodSpec.methodBuilder("sourceLine")
              .addAnnotation(Override.class)
              .addModifiers(Modifier.PROTECTED)
              .returns(int.class)
              .addParameter(int.class, "generatedLine")
              .addStatement("int lo = 0, hi = $$genLines.length - 1, at = -1")
              .beginControlFlow("while (lo <= hi)")
              .addStatement("int mid = (lo + hi) >>> 1")
              .beginControlFlow("if ($$genLines[mid] <= generatedLine)")
              .addStatement("at = mid")
              .addStatement("lo = mid + 1")
              .nextControlFlow("else")
              .addStatement("hi = mid - 1")
              .endControlFlow()
              .endControlFlow()
              .addStatement("return at < 0 ? -1 : $$srcLines[at]")
              .build());
    }
    String where =
        host.type.getSimpleName()
            + "."
            + m.name()
            + "("
            + host.fileName()
            + ":"
            + text.line(m.tree.getReturnType() != null ? m.tree.getReturnType() : m.tree)
            + ")";
    b.addMethod(
        MethodSpec.methodBuilder("describe")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PROTECTED)
            .returns(String.class)
            .addStatement("return $S", where)
            .build());
    return b.build();
  }

  static boolean isGenerator(ExecutableElement e) {
    return e.getReturnType().toString().startsWith("org.asyncio4j.AsyncGenerator");
  }

  private String resumeBody(Lowered l) {
    StateMachine sm = l.sm;
    boolean dispatch = !l.lowering.allTries.isEmpty();
    StringBuilder sb = new StringBuilder();
    for (String c : sm.localClasses) {
      sb.append(c).append('\n');
    }
    if (sm.states.stream().anyMatch(st -> st.code.indexOf(StateMachine.READY) >= 0)) {
      // The awaitable of an await that did not suspend, read by the state that follows it.
      sb.append("Object ").append(StateMachine.READY).append(" = null;\n");
    }
    if (sm.labelled) {
      sb.append("stateMachine:\n");
    }
    sb.append("for (;;) {\n");
    String in = "  ";
    if (dispatch) {
      sb.append("  try {\n");
      in = "    ";
    }
    sb.append(in).append("switch (label) {\n");
    for (StateMachine.State s : sm.states) {
      sb.append(in).append("  case ").append(s.number).append(":\n");
      for (String line : s.code.toString().split("\n", -1)) {
        if (!line.isEmpty()) {
          sb.append(in).append("    ").append(line).append('\n');
        }
      }
    }
    sb.append(in).append("  default:\n");
    sb.append(in).append("    throw new IllegalStateException(\"bad label \" + label);\n");
    sb.append(in).append("}\n");
    if (dispatch) {
      sb.append("  } catch (Throwable $e) {\n");
      sb.append("    switch (label) {\n");
      Map<TryStatements.TryFrame, List<Integer>> byRegion = new LinkedHashMap<>();
      for (int i = 0; i < sm.states.size(); i++) {
        TryStatements.TryFrame r = l.lowering.regionOfState.get(i);
        if (r != null) {
          byRegion.computeIfAbsent(r, k -> new ArrayList<>()).add(i);
        }
      }
      for (Map.Entry<TryStatements.TryFrame, List<Integer>> en : byRegion.entrySet()) {
        for (int st : en.getValue()) {
          sb.append("      case ").append(st).append(":\n");
        }
        chain(en.getKey(), sb, "        ");
      }
      sb.append("      default:\n");
      sb.append("        break;\n");
      sb.append("    }\n");
      sb.append("    throw $e;\n");
      sb.append("  }\n");
    }
    sb.append("}\n");
    return sm.resolve(sb.toString(), dispatch);
  }

  /** The handler chain for an exception thrown in region {@code r}. */
  private static void chain(TryStatements.TryFrame r, StringBuilder sb, String in) {
    for (TryStatements.TryFrame f = r; f != null; f = f.parent) {
      for (TryStatements.Handler h : f.handlers) {
        List<String> tests = new ArrayList<>();
        for (String t : h.types) {
          tests.add("$e instanceof " + t);
        }
        sb.append(in).append("if (").append(String.join(" || ", tests)).append(") {\n");
        sb.append(in)
            .append("  ")
            .append(h.field)
            .append(" = (")
            .append(h.types.size() == 1 ? h.types.get(0) : h.castType)
            .append(") $e;\n");
        sb.append(in).append("  label = ").append(StateMachine.ref(h.label)).append(";\n");
        sb.append(in).append("  continue;\n");
        sb.append(in).append("}\n");
      }
      if (f.finallyLabel != null) {
        String kind = "$finally" + finallyId(f);
        sb.append(in).append(kind).append(" = 1;\n");
        sb.append(in).append("$thrown").append(finallyId(f)).append(" = $e;\n");
        sb.append(in).append("label = ").append(StateMachine.ref(f.finallyLabel)).append(";\n");
        sb.append(in).append("continue;\n");
        return;
      }
    }
    sb.append(in).append("break;\n");
  }

  private static int finallyId(TryStatements.TryFrame f) {
    return f.ownerId;
  }

  /** Inserts the user's imports (so copied code resolves as in the original file). */
  private String withUserImports(String generated) {
    StringBuilder imports = new StringBuilder();
    Set<String> existing = new HashSet<>();
    for (String line : generated.split("\n")) {
      if (line.startsWith("import ")) {
        existing.add(line.trim());
      }
    }
    for (ImportTree imp : host.unit.getImports()) {
      String line =
          "import " + (imp.isStatic() ? "static " : "") + imp.getQualifiedIdentifier() + ";";
      if (existing.add(line)) {
        imports.append(line).append('\n');
      }
    }
    if (!host.packageName.isEmpty()) {
      String own = "import static " + host.type.getQualifiedName() + ".*;";
      if (existing.add(own)) {
        imports.append(own).append('\n');
      }
    }
    if (imports.length() == 0) {
      return generated;
    }
    int at = 0;
    if (generated.startsWith("package ")) {
      at = generated.indexOf('\n') + 1;
      if (generated.charAt(at) == '\n') {
        at++;
      }
    }
    return generated.substring(0, at)
        + imports
        + (generated.startsWith("import ", at) ? "" : "\n")
        + generated.substring(at);
  }
}
