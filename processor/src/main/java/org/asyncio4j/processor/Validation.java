package org.asyncio4j.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * Compile-time checks: signatures and hosts of {@code @Async} methods, where awaits may appear,
 * direct calls to static {@code @Async} methods, private members the generated class cannot reach,
 * and the warnings for asyncio's classic pitfalls. Every report is placed at the exact tree.
 */
final class Validation {
  private final Trees trees;
  private final Discovery discovery;
  private final javax.lang.model.util.Elements elements;
  private final javax.lang.model.util.Types types;

  Validation(
      Trees trees,
      Discovery discovery,
      javax.lang.model.util.Elements elements,
      javax.lang.model.util.Types types) {
    this.trees = trees;
    this.discovery = discovery;
    this.elements = elements;
    this.types = types;
  }

  /**
   * Whether {@code close()} on a value of static type {@code t} always fails: {@code t} is an
   * {@code AsyncCloseable} whose {@code close()} is {@code AsyncCloseable}'s own default method.
   * Types that override {@code close()} (StreamWriter, Server, ...) and unknown types are never
   * reported.
   */
  private boolean closeAlwaysFails(TypeMirror t) {
    TypeElement ac = elements.getTypeElement("org.asyncio4j.AsyncCloseable");
    if (ac == null
        || t == null
        || t.getKind() != TypeKind.DECLARED
        || TypeAnalysis.hasError(t)
        || !types.isAssignable(types.erasure(t), types.erasure(ac.asType()))) {
      return false;
    }
    ExecutableElement acClose = noArgClose(ElementFilter.methodsIn(ac.getEnclosedElements()));
    TypeElement type = (TypeElement) ((DeclaredType) t).asElement();
    if (acClose == null) {
      return false;
    }
    for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers(type))) {
      if (m.getSimpleName().contentEquals("close")
          && m.getParameters().isEmpty()
          && !m.getModifiers().contains(Modifier.STATIC)
          && !m.equals(acClose)
          && !elements.overrides(acClose, m, ac)) {
        // The type (or a supertype below AsyncCloseable) declares its own close().
        return false;
      }
    }
    return true;
  }

  private static ExecutableElement noArgClose(List<ExecutableElement> methods) {
    for (ExecutableElement m : methods) {
      if (m.getSimpleName().contentEquals("close") && m.getParameters().isEmpty()) {
        return m;
      }
    }
    return null;
  }

  /**
   * The static type of a named receiver visible at {@code path}: a local or parameter, a field of
   * an enclosing class ({@code name} or {@code this.name}); null when unknown.
   */
  private TypeMirror receiverType(TreePath path, ExpressionTree receiver) {
    if (receiver instanceof IdentifierTree) {
      String name = ((IdentifierTree) receiver).getName().toString();
      if (name.equals("this") || name.equals("super")) {
        return null;
      }
      TypeMirror local = localType(path, name);
      return local != null ? local : fieldType(path, name);
    }
    if (receiver instanceof MemberSelectTree
        && ((MemberSelectTree) receiver).getExpression() instanceof IdentifierTree
        && ((IdentifierTree) ((MemberSelectTree) receiver).getExpression())
            .getName()
            .contentEquals("this")) {
      return fieldType(path, ((MemberSelectTree) receiver).getIdentifier().toString());
    }
    return null;
  }

  /** The type of the field {@code name} of the innermost enclosing class that has one, or null. */
  private TypeMirror fieldType(TreePath path, String name) {
    for (TypeElement c = trees.getScope(path).getEnclosingClass(); c != null; ) {
      for (VariableElement f : ElementFilter.fieldsIn(elements.getAllMembers(c))) {
        if (f.getSimpleName().contentEquals(name)) {
          return f.asType();
        }
      }
      Element outer = c.getEnclosingElement();
      while (outer != null && !(outer instanceof TypeElement)) {
        outer = outer.getEnclosingElement();
      }
      c = (TypeElement) outer;
    }
    return null;
  }

  /** The type of the local {@code name} visible at {@code path} (one getScope call), or null. */
  private TypeMirror localType(TreePath path, String name) {
    for (Element e : trees.getScope(path).getLocalElements()) {
      if (e.getSimpleName().contentEquals(name)
          && (e.getKind() == ElementKind.LOCAL_VARIABLE
              || e.getKind() == ElementKind.PARAMETER
              || e.getKind() == ElementKind.RESOURCE_VARIABLE)) {
        return e.asType();
      }
    }
    return null;
  }

  private void report(Diagnostic.Kind kind, String msg, Tree tree, CompilationUnitTree unit) {
    trees.printMessage(kind, msg, tree, unit);
  }

  /** Checks the host and the signatures of its @Async methods; returns false on any error. */
  boolean checkHost(Discovery.Host host) {
    boolean ok = true;
    TypeElement type = host.type;
    CompilationUnitTree unit = host.unit;
    String hostName = type.getSimpleName().toString();
    for (Discovery.Method m : host.methods) {
      MethodTree tree = m.tree;
      Set<Modifier> mods = m.element.getModifiers();
      TypeMirror ret = m.element.getReturnType();
      if (ret.getKind() == TypeKind.ERROR) {
        // javac reports the unknown type itself.
        ok = false;
        continue;
      }
      if (!isCoroutineType(ret)) {
        report(
            Diagnostic.Kind.ERROR,
            Diagnostics.badReturnType(ret.toString()),
            tree.getReturnType() != null ? tree.getReturnType() : tree,
            unit);
        ok = false;
      }
      if (mods.contains(Modifier.NATIVE)) {
        report(Diagnostic.Kind.ERROR, Diagnostics.nativeAsync(), tree, unit);
        ok = false;
        continue;
      }
      if (mods.contains(Modifier.ABSTRACT) || tree.getBody() == null) {
        report(Diagnostic.Kind.ERROR, Diagnostics.abstractAsync(), tree, unit);
        ok = false;
        continue;
      }
      if (mods.contains(Modifier.PRIVATE)) {
        report(Diagnostic.Kind.ERROR, Diagnostics.privateAsync(host.generatedName), tree, unit);
        ok = false;
      }
      if (mods.contains(Modifier.SYNCHRONIZED)) {
        report(Diagnostic.Kind.ERROR, Diagnostics.synchronizedAsync(), tree, unit);
        ok = false;
      }
      if (!Discovery.isNamed(type)) {
        report(Diagnostic.Kind.ERROR, Diagnostics.localHost(), tree, unit);
        return false;
      }
      for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
        if (e.getModifiers().contains(Modifier.PRIVATE)) {
          report(
              Diagnostic.Kind.ERROR,
              Diagnostics.privateHost(e.getSimpleName().toString()),
              tree,
              unit);
          return false;
        }
      }
      if (!m.isStatic()) {
        if (type.getKind() == ElementKind.INTERFACE) {
          report(Diagnostic.Kind.ERROR, Diagnostics.instanceInInterface(hostName), tree, unit);
          ok = false;
        } else if (type.getModifiers().contains(Modifier.FINAL)
            || type.getKind() == ElementKind.ENUM
            || type.getKind() == ElementKind.RECORD) {
          report(
              Diagnostic.Kind.ERROR,
              Diagnostics.instanceInFinalClass(hostName, host.generatedName),
              tree,
              unit);
          ok = false;
        } else if (!type.getModifiers().contains(Modifier.ABSTRACT)) {
          report(
              Diagnostic.Kind.ERROR,
              Diagnostics.instanceInConcreteClass(hostName, host.generatedName),
              tree,
              unit);
          ok = false;
        } else if (type.getEnclosingElement() instanceof TypeElement
            && !type.getModifiers().contains(Modifier.STATIC)) {
          report(Diagnostic.Kind.ERROR, Diagnostics.instanceInNonStaticInner(hostName), tree, unit);
          ok = false;
        } else if (ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
            .allMatch(c -> c.getModifiers().contains(Modifier.PRIVATE))) {
          report(
              Diagnostic.Kind.ERROR,
              Diagnostics.onlyPrivateConstructors(hostName, host.generatedName),
              tree,
              unit);
          ok = false;
        }
      }
    }
    return ok;
  }

  static boolean isCoroutineType(TypeMirror t) {
    if (t.getKind() != TypeKind.DECLARED) {
      return false;
    }
    String erased = ((TypeElement) ((DeclaredType) t).asElement()).getQualifiedName().toString();
    return erased.equals("org.asyncio4j.Coroutine")
        || erased.equals("org.asyncio4j.AsyncGenerator");
  }

  static boolean isAsyncAnnotation(AnnotationTree a) {
    String t = a.getAnnotationType().toString();
    return t.equals("Async") || t.equals("org.asyncio4j.Async");
  }

  static boolean isAsyncMethod(MethodTree m) {
    for (AnnotationTree a : m.getModifiers().getAnnotations()) {
      if (isAsyncAnnotation(a)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Scans a whole compilation unit: awaits outside @Async bodies or in lambdas, classes and
   * synchronized blocks inside them; direct calls to static @Async methods outside @Async bodies;
   * inside @Async bodies: private members, dropped coroutines and blocking calls. Returns false if
   * an error was reported.
   */
  boolean checkUnit(CompilationUnitTree unit) {
    UnitScanner s = new UnitScanner(unit);
    s.scan(unit, null);
    return !s.failed;
  }

  private final class UnitScanner extends TreePathScanner<Void, Void> {
    final CompilationUnitTree unit;
    boolean failed;

    /** The @Async method being scanned, or null. */
    MethodTree asyncMethod;

    TypeElement asyncHost;
    Set<String> asyncLocals = new HashSet<>();

    /** Resolution of calls for the warnings, inside the @Async method being scanned. */
    Lints lints;

    int lambdaDepth;
    int classDepth;
    int syncDepth;
    TypeElement currentType;

    UnitScanner(CompilationUnitTree unit) {
      this.unit = unit;
    }

    void error(String msg, Tree tree) {
      failed = true;
      report(Diagnostic.Kind.ERROR, msg, tree, unit);
    }

    /**
     * A warning of the lint {@code lint}, unless an enclosing declaration says
     * {@code @SuppressWarnings("asyncio4j:<lint>")} or {@code @SuppressWarnings("asyncio4j")}.
     */
    void warning(String lint, String msg, Tree tree) {
      for (TreePath p = getCurrentPath(); p != null; p = p.getParentPath()) {
        com.sun.source.tree.ModifiersTree mods = null;
        if (p.getLeaf() instanceof MethodTree) {
          mods = ((MethodTree) p.getLeaf()).getModifiers();
        } else if (p.getLeaf() instanceof ClassTree) {
          mods = ((ClassTree) p.getLeaf()).getModifiers();
        } else if (p.getLeaf() instanceof VariableTree) {
          mods = ((VariableTree) p.getLeaf()).getModifiers();
        }
        if (mods != null) {
          for (AnnotationTree a : mods.getAnnotations()) {
            if (Lints.suppresses(a, lint)) {
              return;
            }
          }
        }
      }
      report(Diagnostic.Kind.WARNING, msg, tree, unit);
    }

    @Override
    public Void visitClass(ClassTree node, Void p) {
      TypeElement saved = currentType;
      Tree parent = getCurrentPath().getParentPath().getLeaf();
      if (parent instanceof CompilationUnitTree || parent instanceof ClassTree) {
        // Only declarations outside method bodies: getElement on a local or anonymous class
        // would attribute the enclosing class in place (see javac-facts.md).
        Element e = trees.getElement(getCurrentPath());
        if (e instanceof TypeElement) {
          currentType = (TypeElement) e;
        }
      }
      if (asyncMethod != null) {
        classDepth++;
      }
      try {
        return super.visitClass(node, p);
      } finally {
        if (asyncMethod != null) {
          classDepth--;
        }
        currentType = saved;
      }
    }

    private int methodDepth;

    @Override
    public Void visitMethod(MethodTree node, Void p) {
      if (methodDepth > 0 && isAsyncMethod(node)) {
        error(Diagnostics.localHost(), node);
      }
      methodDepth++;
      try {
        return visitMethodBody(node, p);
      } finally {
        methodDepth--;
      }
    }

    private Void visitMethodBody(MethodTree node, Void p) {
      if (asyncMethod == null && isAsyncMethod(node)) {
        asyncMethod = node;
        asyncHost = currentType;
        asyncLocals = new HashSet<>();
        collectLocals(node, asyncLocals);
        lints = new Lints(trees, discovery, elements, types, unit, asyncHost, asyncLocals);
        try {
          return super.visitMethod(node, p);
        } finally {
          asyncMethod = null;
          asyncHost = null;
          lints = null;
        }
      }
      return super.visitMethod(node, p);
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
      lambdaDepth++;
      try {
        return super.visitLambdaExpression(node, p);
      } finally {
        lambdaDepth--;
      }
    }

    @Override
    public Void visitSynchronized(SynchronizedTree node, Void p) {
      syncDepth++;
      try {
        return super.visitSynchronized(node, p);
      } finally {
        syncDepth--;
      }
    }

    private boolean inCoroutineBody() {
      return asyncMethod != null && lambdaDepth == 0 && classDepth == 0;
    }

    @Override
    public Void visitTry(com.sun.source.tree.TryTree node, Void p) {
      if (!inCoroutineBody() && !node.getResources().isEmpty()) {
        TreePath block = new TreePath(getCurrentPath(), node.getBlock());
        for (Tree r : node.getResources()) {
          String name =
              r instanceof VariableTree
                  ? ((VariableTree) r).getName().toString()
                  : r instanceof IdentifierTree ? ((IdentifierTree) r).getName().toString() : null;
          if (name != null && closeAlwaysFails(localType(block, name))) {
            error(Diagnostics.asyncWithOutsideAsync(name), r);
          }
        }
      }
      return super.visitTry(node, p);
    }

    private void checkAsyncClose(MethodInvocationTree node) {
      if (!node.getArguments().isEmpty() || !(node.getMethodSelect() instanceof MemberSelectTree)) {
        return;
      }
      MemberSelectTree ms = (MemberSelectTree) node.getMethodSelect();
      if (!ms.getIdentifier().contentEquals("close")) {
        return;
      }
      if (closeAlwaysFails(receiverType(getCurrentPath(), ms.getExpression()))) {
        error(Diagnostics.closeOfAsyncCloseable(), node);
      }
    }

    @Override
    public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void p) {
      if (Awaits.isEach(node.getExpression())) {
        MethodInvocationTree each = (MethodInvocationTree) node.getExpression();
        checkAwaitPlacement(each);
        scan(each.getArguments(), p);
        scan(node.getVariable(), p);
        scan(node.getStatement(), p);
        return null;
      }
      return super.visitEnhancedForLoop(node, p);
    }

    private boolean checkAwaitPlacement(MethodInvocationTree node) {
      if (asyncMethod == null) {
        error(Diagnostics.awaitOutsideAsync(), node);
        return false;
      } else if (lambdaDepth > 0) {
        error(Diagnostics.awaitInLambda(), node);
        return false;
      } else if (classDepth > 0) {
        error(Diagnostics.awaitInClass(), node);
        return false;
      } else if (syncDepth > 0) {
        error(Diagnostics.awaitInSynchronized(), node);
        return false;
      }
      return true;
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree node, Void p) {
      if (Awaits.isYield(node)) {
        if (checkAwaitPlacement(node)) {
          String ret =
              asyncMethod.getReturnType() == null ? "" : asyncMethod.getReturnType().toString();
          if (!ret.startsWith("AsyncGenerator")
              && !ret.startsWith("org.asyncio4j.AsyncGenerator")) {
            error(Diagnostics.yieldOutsideGenerator(), node);
          } else if (!(getCurrentPath().getParentPath().getLeaf()
              instanceof ExpressionStatementTree)) {
            error(Diagnostics.yieldNotStatement(), node);
          }
        }
      } else if (Awaits.isAwait(node)) {
        checkAwaitPlacement(node);
      } else if (Awaits.isEach(node)) {
        if (asyncMethod == null) {
          error(Diagnostics.awaitOutsideAsync(), node);
        } else {
          error(Diagnostics.eachOutsideFor(), node);
        }
      } else if (asyncMethod == null) {
        // Code inside @Async bodies (lambdas and classes included) is copied into the generated
        // class, where calls reach the generated coroutines.
        checkDirectStaticCall(node);
        checkAsyncClose(node);
      } else if (lambdaDepth > 0 || classDepth > 0) {
        checkAsyncClose(node);
      } else {
        checkAsyncClose(node);
        checkBlocking(node);
        checkPrivateCall(node);
      }
      return super.visitMethodInvocation(node, p);
    }

    @Override
    public Void visitMemberReference(com.sun.source.tree.MemberReferenceTree node, Void p) {
      if (asyncMethod == null && isTypeName(node.getQualifierExpression())) {
        String q = node.getQualifierExpression().toString();
        String name = node.getName().toString();
        TypeElement owner = discovery.resolveQualified(q, unit, currentType);
        if (owner != null
            && allAsync(owner, name)
            && ElementFilter.methodsIn(owner.getEnclosedElements()).stream()
                .filter(m -> m.getSimpleName().contentEquals(name))
                .allMatch(m -> m.getModifiers().contains(Modifier.STATIC))) {
          error(
              Diagnostics.directStaticCall(
                  owner.getSimpleName().toString(), name, Discovery.generatedName(owner)),
              node);
        }
      }
      return super.visitMemberReference(node, p);
    }

    @Override
    public Void visitExpressionStatement(ExpressionStatementTree node, Void p) {
      if (asyncMethod != null
          && lambdaDepth == 0
          && classDepth == 0
          && node.getExpression() instanceof MethodInvocationTree) {
        MethodInvocationTree call = (MethodInvocationTree) node.getExpression();
        if (!Awaits.isAwait(call)
            && (returnsCoroutine(call)
                || lints.returnsCoroutine(new TreePath(getCurrentPath(), call)))) {
          warning(Lints.NEVER_AWAITED, Diagnostics.droppedCoroutine(call.toString()), call);
        }
      }
      return super.visitExpressionStatement(node, p);
    }

    @Override
    public Void visitIdentifier(IdentifierTree node, Void p) {
      if (asyncMethod != null && lambdaDepth == 0 && classDepth == 0 && asyncHost != null) {
        String name = node.getName().toString();
        Tree parent = getCurrentPath().getParentPath().getLeaf();
        boolean isCallee =
            parent instanceof MethodInvocationTree
                && ((MethodInvocationTree) parent).getMethodSelect() == node;
        if (!isCallee && !asyncLocals.contains(name)) {
          Element priv = privateMember(name, false);
          if (priv != null) {
            error(
                Diagnostics.privateMember(
                    describe(priv),
                    priv.getEnclosingElement().getSimpleName().toString(),
                    Discovery.generatedName(asyncHost)),
                node);
          }
        }
      }
      return super.visitIdentifier(node, p);
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree node, Void p) {
      if (asyncMethod != null
          && lambdaDepth == 0
          && classDepth == 0
          && asyncHost != null
          && node.getExpression() instanceof IdentifierTree
          && ((IdentifierTree) node.getExpression()).getName().contentEquals("this")) {
        Tree parent = getCurrentPath().getParentPath().getLeaf();
        boolean isCallee =
            parent instanceof MethodInvocationTree
                && ((MethodInvocationTree) parent).getMethodSelect() == node;
        Element priv = privateMember(node.getIdentifier().toString(), isCallee);
        if (priv != null) {
          error(
              Diagnostics.privateMember(
                  describe(priv),
                  priv.getEnclosingElement().getSimpleName().toString(),
                  Discovery.generatedName(asyncHost)),
              node);
        }
      }
      if (asyncMethod != null
          && lambdaDepth == 0
          && classDepth == 0
          && asyncHost != null
          && node.getExpression() instanceof IdentifierTree
          && ((IdentifierTree) node.getExpression()).getName().contentEquals("super")) {
        checkSuperMember(node);
      }
      return super.visitMemberSelect(node, p);
    }

    /**
     * {@code super.m(...)} or {@code super.f} where the host itself declares {@code m} (same
     * arity) or {@code f}: in the generated subclass {@code super} is the host, so it would reach
     * the host's own member instead of the superclass's.
     */
    private void checkSuperMember(MemberSelectTree node) {
      Tree parent = getCurrentPath().getParentPath().getLeaf();
      boolean isCallee =
          parent instanceof MethodInvocationTree
              && ((MethodInvocationTree) parent).getMethodSelect() == node;
      int arity = isCallee ? ((MethodInvocationTree) parent).getArguments().size() : -1;
      for (Element m : asyncHost.getEnclosedElements()) {
        if (!m.getSimpleName().contentEquals(node.getIdentifier())
            || m.getModifiers().contains(Modifier.STATIC)) {
          continue;
        }
        boolean same =
            isCallee
                ? m.getKind() == ElementKind.METHOD
                    && (((ExecutableElement) m).getParameters().size() == arity
                        || ((ExecutableElement) m).isVarArgs())
                : m.getKind().isField();
        if (same) {
          error(
              Diagnostics.superMemberOfHost(
                  "super." + node.getIdentifier() + (isCallee ? "(...)" : ""),
                  asyncHost.getSimpleName().toString()),
              node);
          return;
        }
      }
    }

    private String describe(Element e) {
      if (e instanceof ExecutableElement) {
        return "the method " + e.getSimpleName() + "(...)";
      }
      if (e instanceof TypeElement) {
        return "the class " + e.getSimpleName();
      }
      return "the field " + e.getSimpleName();
    }

    private void checkPrivateCall(MethodInvocationTree node) {
      if (asyncHost == null || !(node.getMethodSelect() instanceof IdentifierTree)) {
        return;
      }
      String name = ((IdentifierTree) node.getMethodSelect()).getName().toString();
      Element priv = privateMember(name, true);
      if (priv != null) {
        error(
            Diagnostics.privateMember(
                describe(priv),
                priv.getEnclosingElement().getSimpleName().toString(),
                Discovery.generatedName(asyncHost)),
            node);
      }
    }

    /**
     * A private member named {@code name} of the host or its enclosing classes that the name
     * denotes (methods only if every method of that name there is private), or null.
     */
    private Element privateMember(String name, boolean method) {
      for (Element t = asyncHost; t instanceof TypeElement; t = t.getEnclosingElement()) {
        boolean anyMethod = false;
        boolean allPrivate = true;
        Element firstPrivate = null;
        for (Element m : t.getEnclosedElements()) {
          if (!m.getSimpleName().contentEquals(name)) {
            continue;
          }
          if (method) {
            if (m.getKind() == ElementKind.METHOD) {
              anyMethod = true;
              if (m.getModifiers().contains(Modifier.PRIVATE)) {
                firstPrivate = firstPrivate == null ? m : firstPrivate;
              } else {
                allPrivate = false;
              }
            }
          } else if (m.getKind().isField() || m instanceof TypeElement) {
            return m.getModifiers().contains(Modifier.PRIVATE) ? m : null;
          }
        }
        if (anyMethod) {
          return allPrivate ? firstPrivate : null;
        }
      }
      return null;
    }

    /** Whether the call syntactically names a method known to return a coroutine. */
    private boolean returnsCoroutine(MethodInvocationTree call) {
      ExpressionTree sel = call.getMethodSelect();
      if (sel instanceof IdentifierTree) {
        String name = ((IdentifierTree) sel).getName().toString();
        if (asyncHost != null && allAsync(asyncHost, name)) {
          return true;
        }
        return (name.equals("sleep") || name.equals("toThread")) && staticallyImportsAsyncio(name);
      }
      if (sel instanceof MemberSelectTree) {
        MemberSelectTree ms = (MemberSelectTree) sel;
        String name = ms.getIdentifier().toString();
        String owner = ms.getExpression().toString();
        if ((owner.equals("Asyncio") || owner.equals("org.asyncio4j.Asyncio"))
            && (name.equals("sleep") || name.equals("toThread"))) {
          return true;
        }
        if (owner.equals("this") && asyncHost != null) {
          return allAsync(asyncHost, name);
        }
        if (isTypeName(ms.getExpression()) && !asyncLocals.contains(firstName(owner))) {
          TypeElement t = discovery.resolveQualified(owner, unit, asyncHost);
          return t != null && allAsync(t, name);
        }
      }
      return false;
    }

    private boolean staticallyImportsAsyncio(String name) {
      for (ImportTree imp : unit.getImports()) {
        String q = imp.getQualifiedIdentifier().toString();
        if (imp.isStatic()
            && (q.equals("org.asyncio4j.Asyncio.*") || q.equals("org.asyncio4j.Asyncio." + name))) {
          return true;
        }
      }
      return false;
    }

    private void checkBlocking(MethodInvocationTree node) {
      String[] blocking = lints.blocking(getCurrentPath());
      if (blocking != null) {
        warning(Lints.BLOCKING_CALL, Diagnostics.blockingCall(blocking[0], blocking[1]), node);
      }
    }

    private void checkDirectStaticCall(MethodInvocationTree node) {
      ExpressionTree sel = node.getMethodSelect();
      TypeElement owner = null;
      String name;
      if (sel instanceof IdentifierTree) {
        name = ((IdentifierTree) sel).getName().toString();
        for (Element e = currentType; e instanceof TypeElement; e = e.getEnclosingElement()) {
          if (!ElementFilter.methodsIn(e.getEnclosedElements()).stream()
              .filter(m -> m.getSimpleName().contentEquals(name))
              .findAny()
              .isEmpty()) {
            owner = (TypeElement) e;
            break;
          }
        }
      } else if (sel instanceof MemberSelectTree
          && isTypeName(((MemberSelectTree) sel).getExpression())) {
        MemberSelectTree ms = (MemberSelectTree) sel;
        name = ms.getIdentifier().toString();
        String q = ms.getExpression().toString();
        if (Character.isUpperCase(firstName(q).charAt(0)) || q.contains(".")) {
          owner = discovery.resolveQualified(q, unit, currentType);
        }
      } else {
        return;
      }
      if (owner == null || !allAsync(owner, name)) {
        return;
      }
      boolean allStatic =
          ElementFilter.methodsIn(owner.getEnclosedElements()).stream()
              .filter(m -> m.getSimpleName().contentEquals(name))
              .allMatch(m -> m.getModifiers().contains(Modifier.STATIC));
      if (allStatic) {
        error(
            Diagnostics.directStaticCall(
                owner.getSimpleName().toString(), name, Discovery.generatedName(owner)),
            node);
      }
    }
  }

  static String firstName(String dotted) {
    int dot = dotted.indexOf('.');
    return dot < 0 ? dotted : dotted.substring(0, dot);
  }

  /** Whether the expression is syntactically a (possibly qualified) name. */
  static boolean isTypeName(ExpressionTree e) {
    if (e instanceof IdentifierTree) {
      String n = ((IdentifierTree) e).getName().toString();
      return !n.equals("this") && !n.equals("super");
    }
    return e instanceof MemberSelectTree && isTypeName(((MemberSelectTree) e).getExpression());
  }

  /** Whether {@code type} has methods named {@code name} and all of them are @Async. */
  static boolean allAsync(TypeElement type, String name) {
    List<ExecutableElement> all =
        ElementFilter.methodsIn(type.getEnclosedElements()).stream()
            .filter(m -> m.getSimpleName().contentEquals(name))
            .collect(java.util.stream.Collectors.toList());
    return !all.isEmpty() && all.stream().allMatch(Discovery::isAsync);
  }

  /** Every name declared as a parameter or local anywhere in the method (lambdas included). */
  static void collectLocals(MethodTree method, Set<String> out) {
    new com.sun.source.util.TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree node, Void p) {
        out.add(node.getName().toString());
        return super.visitVariable(node, p);
      }

      @Override
      public Void visitClass(ClassTree node, Void p) {
        return null;
      }

      @Override
      public Void visitNewClass(NewClassTree node, Void p) {
        scan(node.getArguments(), p);
        return null;
      }
    }.scan(method, null);
    for (VariableTree v : method.getParameters()) {
      out.add(v.getName().toString());
    }
  }
}
