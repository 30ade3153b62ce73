package org.asyncio4j.processor;

import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * The edits applied when copying user code into the coroutine: locals renamed to their fields,
 * returns, jumps and yields that leave the copied code, pattern bindings held in fields, and
 * references to {@code @Async} methods redirected to their generated code.
 */
final class Render implements SourceText.Rewriter {
  private final Lowering lo;
  private final TreePath root;
  private final Map<Tree, String> overrides;
  private final Set<String> declaredInside = new HashSet<>();

  Render(Lowering lo, TreePath root) {
    this(lo, root, Map.of());
  }

  Render(Lowering lo, TreePath root, Map<Tree, String> overrides) {
    this.lo = lo;
    this.root = root;
    this.overrides = overrides;
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree node, Void p) {
        declaredInside.add(node.getName().toString());
        return super.visitVariable(node, p);
      }
    }.scan(root, null);
  }

  @Override
  public String replace(TreePath path, SourceText text) {
    Tree t = path.getLeaf();
    String o = overrides.get(t);
    if (o != null) {
      return o;
    }
    switch (t.getKind()) {
      case RETURN:
        if (!insideLambdaOrClass(path)) {
          return returnText(path);
        }
        return null;
      case BREAK:
      case CONTINUE:
        if (!insideLambdaOrClass(path) && leavesRoot(path)) {
          BreakContinue.Jump j = lo.breakContinue.findJump(t);
          if (j == null) {
            return null;
          }
          StateMachine.Label l = t instanceof ContinueTree ? j.continueTo : j.breakTo;
          return "{ " + lo.breakContinue.jumpCode(l, j, true) + " }";
        }
        return null;
      case YIELD:
        if (!lo.yields.isEmpty() && !insideLambdaOrClass(path) && yieldLeavesRoot(path)) {
          Switches.YieldTarget y = lo.yields.peek();
          lo.sm.labelled = true;
          String v =
              lo.text.render(
                  new TreePath(path, ((com.sun.source.tree.YieldTree) t).getValue()), this);
          return "{ "
              + y.sink.apply(v).replace("\n", " ")
              + " "
              + lo.breakContinue.jumpCode(y.end, y.jump(), true)
              + " }";
        }
        return null;
      case INSTANCE_OF:
        return instanceOf(path);
      case MEMBER_REFERENCE:
        return memberReference(path);
      case IDENTIFIER:
        return identifier(path);
      case MEMBER_SELECT:
        return memberSelect(path);
      default:
        return null;
    }
  }

  private boolean insideLambdaOrClass(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree l = p.getLeaf();
      if (p != path && (l instanceof LambdaExpressionTree || l instanceof ClassTree)) {
        return true;
      }
      if (l == root.getLeaf()) {
        return false;
      }
    }
    return false;
  }

  private boolean insideClassBody(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree l = p.getLeaf();
      if (p != path && l instanceof ClassTree) {
        return true;
      }
      if (l == root.getLeaf()) {
        return false;
      }
    }
    return false;
  }

  /** Whether a break/continue targets a statement outside the copied root. */
  private boolean leavesRoot(TreePath path) {
    Tree t = path.getLeaf();
    boolean isContinue = t instanceof ContinueTree;
    String label =
        isContinue
            ? BreakContinue.nameOf(((ContinueTree) t).getLabel())
            : BreakContinue.nameOf(((BreakTree) t).getLabel());
    if (t == root.getLeaf()) {
      return true;
    }
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      Tree l = p.getLeaf();
      if (label != null) {
        if (l instanceof LabeledStatementTree
            && ((LabeledStatementTree) l).getLabel().contentEquals(label)) {
          return false;
        }
      } else {
        Tree.Kind k = l.getKind();
        boolean loop =
            k == Tree.Kind.WHILE_LOOP
                || k == Tree.Kind.DO_WHILE_LOOP
                || k == Tree.Kind.FOR_LOOP
                || k == Tree.Kind.ENHANCED_FOR_LOOP;
        if (loop || (!isContinue && k == Tree.Kind.SWITCH)) {
          return false;
        }
      }
      if (l == root.getLeaf()) {
        return true;
      }
    }
    return true;
  }

  private boolean yieldLeavesRoot(TreePath path) {
    if (path.getLeaf() == root.getLeaf()) {
      return true;
    }
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      if (p.getLeaf().getKind() == Tree.Kind.SWITCH_EXPRESSION) {
        return false;
      }
      if (p.getLeaf() == root.getLeaf()) {
        return true;
      }
    }
    return true;
  }

  /** {@code x instanceof T b} whose binding lives in a field: assign the field too. */
  private String instanceOf(TreePath path) {
    InstanceOfTree io = (InstanceOfTree) path.getLeaf();
    Tree pattern = io.getPattern();
    if (pattern != null && !(pattern instanceof com.sun.source.tree.BindingPatternTree)) {
      return recordInstanceOf(path, pattern);
    }
    if (pattern == null) {
      return null;
    }
    VariableTree v = ((com.sun.source.tree.BindingPatternTree) pattern).getVariable();
    if (!lo.fieldBindings.contains(v)) {
      return null;
    }
    String field = lo.localFields.fieldOf(v.getName().toString());
    String temp = "$p" + lo.patterns++;
    String operand = lo.text.render(new TreePath(path, io.getExpression()), this);
    return "("
        + operand
        + " instanceof "
        + lo.text.raw(v.getType())
        + " "
        + temp
        + " && ("
        + field
        + " = "
        + temp
        + ") != null)";
  }

  /**
   * {@code x instanceof Point(int a, int b)} (a record pattern, JDK 21+) whose bindings live in
   * fields: the pattern is copied as written and each binding is stored in its field, {@code
   * ((this.a = a) == this.a || true)} (an expression that is true whatever the value, NaN
   * included).
   */
  private String recordInstanceOf(TreePath path, Tree pattern) {
    InstanceOfTree io = (InstanceOfTree) path.getLeaf();
    List<VariableTree> bound = new ArrayList<>();
    new com.sun.source.util.TreeScanner<Void, Void>() {
      @Override
      public Void visitBindingPattern(com.sun.source.tree.BindingPatternTree node, Void p) {
        bound.add(node.getVariable());
        return null;
      }
    }.scan(pattern, null);
    StringBuilder sb = new StringBuilder("(");
    sb.append(lo.text.render(new TreePath(path, io.getExpression()), this))
        .append(" instanceof ")
        .append(lo.text.raw(pattern));
    boolean any = false;
    for (VariableTree v : bound) {
      if (lo.fieldBindings.contains(v)) {
        String field = "this." + lo.localFields.fieldOf(v.getName().toString());
        sb.append(" && ((").append(field).append(" = ").append(v.getName()).append(") == ");
        sb.append(field).append(" || true)");
        any = true;
      }
    }
    return any ? sb.append(")").toString() : null;
  }

  private String returnText(TreePath path) {
    ReturnTree r = (ReturnTree) path.getLeaf();
    ExpressionTree e = r.getExpression();
    if (e == null) {
      return null;
    }
    TreePath ep = new TreePath(path, e);
    TryStatements.TryFrame f = lo.tryStatements.innermostFinally(0);
    String value;
    if (Statements.isCoroutineOf(e)) {
      TreePath arg = new TreePath(ep, ((MethodInvocationTree) e).getArguments().get(0));
      value = lo.text.render(arg, this);
    } else if (Statements.isCoroutineDone(e)) {
      value = "null";
    } else {
      if (lo.returnAwait == null) {
        lo.returnAwait = lo.sm.newLabel();
      }
      lo.sm.labelled = true;
      if (f != null) {
        lo.error(
            Diagnostics.unsupportedAwaitPosition(
                "a 'return <awaitable>' inside a try whose"
                    + " finally awaits (return Coroutine.of(Await.of(...)) instead)"),
            r);
      }
      return "{ if (await("
          + lo.text.render(ep, this)
          + ", "
          + StateMachine.ref(lo.returnAwait)
          + ")) continue stateMachine; return; }";
    }
    if (f == null) {
      return "{ complete(" + value + "); return; }";
    }
    lo.sm.fields.putIfAbsent("$result", lo.statements.resultType());
    f.pendingReturn = true;
    lo.sm.labelled = true;
    return "{ $result = "
        + value
        + "; "
        + f.kind()
        + " = 2; this.label = "
        + StateMachine.ref(f.finallyLabel)
        + "; continue stateMachine; }";
  }

  private String identifier(TreePath path) {
    IdentifierTree id = (IdentifierTree) path.getLeaf();
    String name = id.getName().toString();
    boolean instance = !lo.method.isStatic();
    if (name.equals("this")) {
      return instance && !insideClassBody(path) ? lo.host.generatedName + ".this" : null;
    }
    if (name.equals("super")) {
      return instance && !insideClassBody(path) ? lo.host.generatedName + ".super" : null;
    }
    Tree parent = path.getParentPath().getLeaf();
    boolean callee =
        parent instanceof MethodInvocationTree
            && ((MethodInvocationTree) parent).getMethodSelect() == id;
    if (!callee && !declaredInside.contains(name)) {
      String f = lo.localFields.fieldOf(name);
      if (f != null) {
        return f.equals(name) ? null : f;
      }
      if (lo.localNames().contains(name)) {
        // A field of the host read where no local of that name is in scope, while a local of the
        // method (out of scope here) has the same name: that local is a field of the coroutine
        // and would hide the host's field.
        String host = hostField(name, instance);
        if (host != null) {
          return host;
        }
      }
    }
    if (callee && !declaredInside.contains(name)) {
      String redirected = staticallyImportedAsync(name);
      if (redirected != null) {
        return redirected;
      }
    }
    if (!declaredInside.contains(name) && (callee || lo.localFields.fieldOf(name) == null)) {
      String enclosing = enclosingStaticMember(name, callee);
      if (enclosing != null) {
        return enclosing;
      }
    }
    if (lo.host.packageName.isEmpty() && !declaredInside.contains(name)) {
      // No 'import static C.*' is possible from the unnamed package: qualify C's static members.
      for (Element m : lo.elements.getAllMembers(lo.host.type)) {
        boolean kindOk = callee ? m.getKind() == ElementKind.METHOD : m.getKind().isField();
        if (kindOk
            && m.getSimpleName().contentEquals(name)
            && m.getModifiers().contains(Modifier.STATIC)
            && !(callee && Discovery.isAsync(m))) {
          return hostReference() + "." + name;
        }
      }
    }
    if (!callee
        && !declaredInside.contains(name)
        && lo.localFields.fieldOf(name) == null
        && lo.localFields.hostFieldType(name) == null) {
      String type = memberTypeReference(name);
      if (type != null) {
        return type;
      }
    }
    if ((Lowering.RESERVED.contains(name) || singleStaticImport(name))
        && !(declaredInside.contains(name) && !callee)) {
      // A member of the host wins over a coroutine's inherited member or a single static import
      // of the same name in the original, but not in the generated class: qualify it.
      for (Element m : lo.elements.getAllMembers(lo.host.type)) {
        boolean kindOk = callee ? m.getKind() == ElementKind.METHOD : m.getKind().isField();
        if (kindOk && m.getSimpleName().contentEquals(name)) {
          if (m.getModifiers().contains(Modifier.STATIC)) {
            return hostReference() + "." + name;
          }
          if (instance) {
            return lo.host.generatedName + ".this." + name;
          }
        }
      }
    }
    return null;
  }

  /**
   * {@code m(...)} statically imported from a class whose {@code m} is a static {@code @Async}
   * method: the generated class's {@code m}; null otherwise (or when the host declares {@code m}).
   */
  private String staticallyImportedAsync(String name) {
    for (Element m : lo.host.type.getEnclosedElements()) {
      if (m.getKind() == ElementKind.METHOD && m.getSimpleName().contentEquals(name)) {
        return null;
      }
    }
    for (com.sun.source.tree.ImportTree imp : lo.host.unit.getImports()) {
      if (!imp.isStatic() || !(imp.getQualifiedIdentifier() instanceof MemberSelectTree)) {
        continue;
      }
      MemberSelectTree q = (MemberSelectTree) imp.getQualifiedIdentifier();
      String member = q.getIdentifier().toString();
      if (!member.equals(name) && !member.equals("*")) {
        continue;
      }
      TypeElement owner = lo.elements.getTypeElement(q.getExpression().toString());
      if (owner == null || !Validation.allAsync(owner, name)) {
        continue;
      }
      boolean allStatic = true;
      for (javax.lang.model.element.ExecutableElement e : Discovery.asyncMethods(owner, name)) {
        allStatic &= e.getModifiers().contains(Modifier.STATIC);
      }
      if (allStatic) {
        return Discovery.generatedQualifiedName(lo.elements, owner) + "." + name;
      }
    }
    return null;
  }

  /** {@code C::m} of a static {@code @Async} method: {@code CAsync::m}. */
  private String memberReference(TreePath path) {
    MemberReferenceTree ref = (MemberReferenceTree) path.getLeaf();
    ExpressionTree owner = ref.getQualifierExpression();
    String id = ref.getName().toString();
    if (!Validation.isTypeName(owner)
        || lo.localFields.fieldOf(Validation.firstName(owner.toString())) != null
        || declaredInside.contains(Validation.firstName(owner.toString()))) {
      return null;
    }
    String gen = generatedStaticAsync(owner.toString(), id);
    return gen == null ? null : gen + "::" + id;
  }

  /** The generated class that holds the static @Async methods {@code owner.id}, or null. */
  private String generatedStaticAsync(String owner, String id) {
    TypeElement t = lo.discovery.resolveQualified(owner, lo.host.unit, lo.host.type);
    if (t == null || !Validation.allAsync(t, id)) {
      return null;
    }
    for (javax.lang.model.element.ExecutableElement m : Discovery.asyncMethods(t, id)) {
      if (!m.getModifiers().contains(Modifier.STATIC)) {
        return null;
      }
    }
    if (lo.elements.getPackageOf(t).getQualifiedName().contentEquals(lo.host.packageName)) {
      return Discovery.generatedName(t);
    }
    return Discovery.generatedQualifiedName(lo.elements, t);
  }

  private String memberSelect(TreePath path) {
    MemberSelectTree ms = (MemberSelectTree) path.getLeaf();
    String id = ms.getIdentifier().toString();
    ExpressionTree owner = ms.getExpression();
    if (id.equals("this")
        && !lo.method.isStatic()
        && owner.toString().equals(lo.host.type.getSimpleName().toString())) {
      return lo.host.generatedName + ".this";
    }
    Tree parent = path.getParentPath().getLeaf();
    boolean callee =
        parent instanceof MethodInvocationTree
            && ((MethodInvocationTree) parent).getMethodSelect() == ms;
    if (callee
        && Validation.isTypeName(owner)
        && lo.localFields.fieldOf(Validation.firstName(owner.toString())) == null
        && !declaredInside.contains(Validation.firstName(owner.toString()))) {
      TypeElement t = lo.discovery.resolveQualified(owner.toString(), lo.host.unit, lo.host.type);
      if (t != null && Validation.allAsync(t, id)) {
        boolean allStatic = true;
        for (javax.lang.model.element.ExecutableElement m : Discovery.asyncMethods(t, id)) {
          allStatic &= m.getModifiers().contains(Modifier.STATIC);
        }
        if (allStatic) {
          String gen = Discovery.generatedQualifiedName(lo.elements, t);
          if (lo.elements.getPackageOf(t).getQualifiedName().contentEquals(lo.host.packageName)) {
            gen = Discovery.generatedName(t);
          }
          return gen + "." + id;
        }
      }
    }
    return null;
  }

  /**
   * The qualified name of the type {@code name} denotes in the host when the generated class would
   * not find it (or find another type) by that simple name: the host itself or a type of an
   * enclosing class when the host is nested (the generated class imports only the host's static
   * members), or a member type of the host that a single-type import, an on-demand import,
   * java.lang or the package also declare (they win over the generated class's {@code import
   * static C.*}). Null otherwise.
   */
  private String memberTypeReference(String name) {
    TypeElement found = null;
    for (Element t = lo.host.type; t instanceof TypeElement; t = t.getEnclosingElement()) {
      for (Element m : t.getEnclosedElements()) {
        if ((m.getKind().isClass() || m.getKind().isInterface())
            && m.getSimpleName().contentEquals(name)) {
          found = (TypeElement) m;
          break;
        }
      }
      if (found == null && t.getSimpleName().contentEquals(name)) {
        found = (TypeElement) t;
      }
      if (found != null) {
        break;
      }
    }
    if (found == null || !(found.getEnclosingElement() instanceof TypeElement)) {
      return null;
    }
    if (found.getEnclosingElement() != lo.host.type || importedElsewhere(name)) {
      return typeReference(found);
    }
    return null;
  }

  /** Whether an import, java.lang or the host's package declares a type named {@code name}. */
  private boolean importedElsewhere(String name) {
    List<String> packages = new java.util.ArrayList<>(List.of("java.lang", lo.host.packageName));
    for (com.sun.source.tree.ImportTree imp : lo.host.unit.getImports()) {
      String q = imp.getQualifiedIdentifier().toString();
      if (imp.isStatic()) {
        continue;
      }
      if (q.endsWith(".*")) {
        packages.add(q.substring(0, q.length() - 2));
      } else if (q.endsWith("." + name)) {
        return true;
      }
    }
    for (String pkg : packages) {
      String q = pkg.isEmpty() ? name : pkg + "." + name;
      if (lo.elements.getTypeElement(q) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the compilation unit imports a static member named {@code name}: by name, or on demand
   * from a class that has one (in the generated class, such a method would be a candidate next to
   * the host's, found through {@code import static C.*}).
   */
  private boolean singleStaticImport(String name) {
    for (com.sun.source.tree.ImportTree imp : lo.host.unit.getImports()) {
      if (!imp.isStatic()
          || !(imp.getQualifiedIdentifier() instanceof com.sun.source.tree.MemberSelectTree)) {
        continue;
      }
      com.sun.source.tree.MemberSelectTree q =
          (com.sun.source.tree.MemberSelectTree) imp.getQualifiedIdentifier();
      if (q.getIdentifier().contentEquals(name)) {
        return true;
      }
      if (q.getIdentifier().contentEquals("*")) {
        TypeElement owner = lo.elements.getTypeElement(q.getExpression().toString());
        if (owner != null && owner != lo.host.type) {
          for (Element m : lo.elements.getAllMembers(owner)) {
            if (m.getSimpleName().contentEquals(name)
                && m.getModifiers().contains(Modifier.STATIC)
                && (m.getKind() == ElementKind.METHOD || m.getKind().isField())) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  /**
   * {@code name} (a method when {@code callee}, else a field) that the host, a nested class, finds
   * as a static member of an enclosing class rather than as its own or inherited member: qualified
   * with that class, since the generated class is not nested in it. Null otherwise.
   */
  private String enclosingStaticMember(String name, boolean callee) {
    boolean first = true;
    for (Element t = lo.host.type; t instanceof TypeElement; t = t.getEnclosingElement()) {
      for (Element m : lo.elements.getAllMembers((TypeElement) t)) {
        boolean kindOk = callee ? m.getKind() == ElementKind.METHOD : m.getKind().isField();
        if (!kindOk || !m.getSimpleName().contentEquals(name)) {
          continue;
        }
        if (first || !m.getModifiers().contains(Modifier.STATIC)) {
          return null;
        }
        String owner = typeReference((TypeElement) t);
        if (callee && Discovery.isAsync(m)) {
          String gen = generatedStaticAsync(owner, name);
          return gen == null ? null : gen + "." + name;
        }
        return owner + "." + name;
      }
      first = false;
    }
    return null;
  }

  /** A qualified reference to the host's (or an enclosing class's) field {@code name}, or null. */
  private String hostField(String name, boolean instance) {
    for (Element t = lo.host.type; t instanceof TypeElement; t = t.getEnclosingElement()) {
      for (Element m : lo.elements.getAllMembers((TypeElement) t)) {
        if (!m.getKind().isField() || !m.getSimpleName().contentEquals(name)) {
          continue;
        }
        if (m.getModifiers().contains(Modifier.STATIC)) {
          return typeReference((TypeElement) t) + "." + name;
        }
        return t == lo.host.type && instance ? lo.host.generatedName + ".this." + name : null;
      }
    }
    return null;
  }

  private static String typeReference(TypeElement type) {
    StringBuilder sb = new StringBuilder();
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      sb.insert(0, sb.length() == 0 ? e.getSimpleName() : e.getSimpleName() + ".");
    }
    return sb.toString();
  }

  /** How generated code names the host class (for static members). */
  private String hostReference() {
    return typeReference(lo.host.type);
  }
}
