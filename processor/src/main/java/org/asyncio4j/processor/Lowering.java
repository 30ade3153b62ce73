package org.asyncio4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.UnionType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;

/**
 * Turns one {@code @Async} body into a {@link StateMachine}.
 *
 * <p>Statements without awaits are copied verbatim (with returns, jumps out of them and a few names
 * rewritten). Statements with awaits are lowered: control flow becomes numbered states joined by
 * {@code label = N; continue;}, and an await inside an expression splits the expression: what Java
 * evaluates before the await is evaluated first (spilled into a temporary when a later await could
 * change it), then {@code if (!await(x, N)) return;}, then the rest. Left-to-right order,
 * short-circuiting and compound assignment's read-before-evaluate are kept.
 */
final class Lowering {
  /** Names inherited by every generated coroutine: user references to them are qualified. */
  static final Set<String> RESERVED =
      Set.of(
          "label",
          "of",
          "done",
          "resume",
          "await",
          "awaitResult",
          "complete",
          "describe",
          "stored",
          "loopIterator",
          "yieldValue",
          "afterYield",
          "end",
          "hasNext",
          "next",
          "closeAsync",
          "asyncIterator",
          "sourceFrame",
          "equals",
          "hashCode",
          "toString",
          "getClass",
          "notify",
          "notifyAll",
          "wait",
          "clone",
          "finalize");

  private final Discovery.Host host;
  private final Discovery.Method method;
  private final SourceText text;
  private final Trees trees;
  private final Elements elements;
  private final Types types;
  private final Discovery discovery;
  private final Map<VariableTree, TypeMirror> localTypes;
  final StateMachine sm = new StateMachine();
  boolean failed;

  private StateMachine.State current;
  private boolean reachable;

  /** The source line of the statement or await being lowered. */
  private long currentLine;

  /** The line of the await whose continuation is the next placed state (0: none). */
  private long awaitLine;

  /** Whether the next placed state is an await's continuation (the await set the label). */
  private boolean afterAwait;

  private final Deque<Map<String, String>> scopes = new ArrayDeque<>();
  private final Map<String, TypeMirror> fieldMirrors = new HashMap<>();
  private final Deque<Jump> jumps = new ArrayDeque<>();
  private final Deque<TryFrame> tries = new ArrayDeque<>();

  /** Lowered switch expressions that a yield may complete: where the value goes, and the end. */
  private final Deque<YieldTarget> yields = new ArrayDeque<>();

  /** Pattern bindings held in fields (their instanceof is rewritten to assign the field). */
  private final Set<VariableTree> fieldBindings =
      java.util.Collections.newSetFromMap(new IdentityHashMap<>());

  private int patterns;
  private int temps;
  private int booleans;
  private int iterators;
  private StateMachine.Label returnAwait;

  /** Names assigned anywhere in the expression being lowered. */
  private Set<String> assignedNames = Set.of();

  /** The try region of each state (index = state number); null outside every lowered try. */
  final List<TryFrame> regionOfState = new ArrayList<>();

  final List<TryFrame> allTries = new ArrayList<>();

  /** A lowered loop, switch or labelled statement that break/continue may target. */
  private static final class Jump {
    final String userLabel;
    final boolean loop;
    final boolean breakable;
    final StateMachine.Label breakTo;
    final StateMachine.Label continueTo;
    final int tryDepth;

    Jump(
        String userLabel,
        boolean loop,
        boolean breakable,
        StateMachine.Label breakTo,
        StateMachine.Label continueTo,
        int tryDepth) {
      this.userLabel = userLabel;
      this.loop = loop;
      this.breakable = breakable;
      this.breakTo = breakTo;
      this.continueTo = continueTo;
      this.tryDepth = tryDepth;
    }
  }

  /** A lowered switch expression: what to do with a yielded value, and where to continue. */
  private static final class YieldTarget {
    final java.util.function.Function<String, String> sink;
    final StateMachine.Label end;
    final int tryDepth;

    YieldTarget(
        java.util.function.Function<String, String> sink, StateMachine.Label end, int tryDepth) {
      this.sink = sink;
      this.end = end;
      this.tryDepth = tryDepth;
    }
  }

  /** A lowered try statement: its handlers, and the pending completion of its finally block. */
  static final class TryFrame {
    final int id;
    final TryFrame parent;

    /** Handlers of the try block: exception field, caught types, handler label. */
    final List<Handler> handlers = new ArrayList<>();

    StateMachine.Label finallyLabel;

    /** In the catch blocks, exceptions skip this try's handlers and go to the finally (if any). */
    boolean inCatch;

    /** Region id for states in catch blocks of this try. */
    TryFrame catchRegion;

    /** Pending jump targets through the finally: code number to label. */
    final List<StateMachine.Label> pendingJumps = new ArrayList<>();

    final List<Jump> pendingJumpFrames = new ArrayList<>();
    boolean pendingReturn;

    /** The frame whose finally fields this region uses (itself, or the try of a catch region). */
    int ownerId;

    TryFrame(int id, TryFrame parent) {
      this.id = id;
      this.parent = parent;
      this.ownerId = id;
    }

    String kind() {
      return "$finally" + id;
    }

    String thrown() {
      return "$thrown" + id;
    }
  }

  /** One catch clause of a lowered try. */
  static final class Handler {
    final String field;
    final List<String> types;
    final StateMachine.Label label;

    /** The type of the field (the caught type, or for a multi-catch their common supertype). */
    final String castType;

    Handler(String field, List<String> types, StateMachine.Label label, String castType) {
      this.field = field;
      this.types = types;
      this.label = label;
      this.castType = castType;
    }
  }

  Lowering(
      Discovery.Host host,
      Discovery.Method method,
      SourceText text,
      Trees trees,
      Elements elements,
      Types types,
      Discovery discovery,
      Map<VariableTree, TypeMirror> localTypes) {
    this.host = host;
    this.method = method;
    this.text = text;
    this.trees = trees;
    this.elements = elements;
    this.types = types;
    this.discovery = discovery;
    this.localTypes = localTypes;
  }

  // ---------------------------------------------------------------------------------------------
  // Pre-pass: which local declarations become fields.

  /** The paths of the variables declared at lowered level (they become fields). */
  static List<TreePath> loweredLocals(Discovery.Method method) {
    List<TreePath> out = new ArrayList<>();
    collect(new TreePath(method.path, method.tree.getBody()), out);
    return out;
  }

  private static void collect(TreePath path, List<TreePath> out) {
    if (path == null) {
      return;
    }
    Tree t = path.getLeaf();
    if (!needsLowering(t) && t.getKind() != Tree.Kind.BLOCK) {
      // Copied verbatim: its locals stay Java locals. A block is lowered statement by statement
      // (see lowerStatement), so its declarations become fields even without awaits.
      return;
    }
    for (TreePath e : expressionParts(path)) {
      scanExpressionPart(e, out);
    }
    switch (t.getKind()) {
      case VARIABLE:
        out.add(path);
        break;
      case BLOCK:
        for (StatementTree s : ((BlockTree) t).getStatements()) {
          collect(new TreePath(path, s), out);
        }
        break;
      case IF:
        collect(child(path, ((IfTree) t).getThenStatement()), out);
        collect(child(path, ((IfTree) t).getElseStatement()), out);
        break;
      case WHILE_LOOP:
        collect(child(path, ((WhileLoopTree) t).getStatement()), out);
        break;
      case DO_WHILE_LOOP:
        collect(child(path, ((DoWhileLoopTree) t).getStatement()), out);
        break;
      case FOR_LOOP:
        for (StatementTree s : ((ForLoopTree) t).getInitializer()) {
          collect(new TreePath(path, s), out);
        }
        collect(child(path, ((ForLoopTree) t).getStatement()), out);
        break;
      case ENHANCED_FOR_LOOP:
        out.add(new TreePath(path, ((EnhancedForLoopTree) t).getVariable()));
        collect(child(path, ((EnhancedForLoopTree) t).getStatement()), out);
        break;
      case LABELED_STATEMENT:
        collect(child(path, ((LabeledStatementTree) t).getStatement()), out);
        break;
      case SWITCH:
        for (CaseTree c : ((SwitchTree) t).getCases()) {
          TreePath cp = new TreePath(path, c);
          if (c.getStatements() != null) {
            for (StatementTree s : c.getStatements()) {
              collect(new TreePath(cp, s), out);
            }
          } else if (c.getBody() != null) {
            collect(new TreePath(cp, c.getBody()), out);
          }
        }
        break;
      case TRY:
        TryTree tt = (TryTree) t;
        for (Tree r : tt.getResources()) {
          if (r instanceof VariableTree) {
            out.add(new TreePath(path, r));
          }
        }
        collect(child(path, tt.getBlock()), out);
        for (CatchTree c : tt.getCatches()) {
          TreePath cp = new TreePath(path, c);
          out.add(new TreePath(cp, c.getParameter()));
          collect(new TreePath(cp, c.getBlock()), out);
        }
        if (tt.getFinallyBlock() != null) {
          collect(child(path, tt.getFinallyBlock()), out);
        }
        break;
      default:
        break;
    }
  }

  /** The expressions a lowered statement evaluates itself (not those of nested statements). */
  static List<TreePath> expressionParts(TreePath path) {
    Tree t = path.getLeaf();
    List<Tree> parts = new ArrayList<>();
    switch (t.getKind()) {
      case IF:
        parts.add(((IfTree) t).getCondition());
        break;
      case WHILE_LOOP:
        parts.add(((WhileLoopTree) t).getCondition());
        break;
      case DO_WHILE_LOOP:
        parts.add(((DoWhileLoopTree) t).getCondition());
        break;
      case FOR_LOOP:
        parts.add(((ForLoopTree) t).getCondition());
        break;
      case ENHANCED_FOR_LOOP:
        parts.add(((EnhancedForLoopTree) t).getExpression());
        break;
      case EXPRESSION_STATEMENT:
        parts.add(((ExpressionStatementTree) t).getExpression());
        break;
      case VARIABLE:
        parts.add(((VariableTree) t).getInitializer());
        break;
      case RETURN:
        parts.add(((ReturnTree) t).getExpression());
        break;
      case THROW:
        parts.add(((ThrowTree) t).getExpression());
        break;
      case SWITCH:
        parts.add(((SwitchTree) t).getExpression());
        break;
      case YIELD:
        parts.add(((com.sun.source.tree.YieldTree) t).getValue());
        break;
      default:
        break;
    }
    List<TreePath> out = new ArrayList<>();
    for (Tree p : parts) {
      if (p != null) {
        out.add(new TreePath(path, p));
      }
    }
    return out;
  }

  /**
   * Pattern bindings in a lowered expression (they become fields), and the statements of awaiting
   * switch expressions (lowered like statements).
   */
  private static void scanExpressionPart(TreePath expr, List<TreePath> out) {
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitBindingPattern(com.sun.source.tree.BindingPatternTree node, Void p) {
        out.add(new TreePath(getCurrentPath(), node.getVariable()));
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree node, Void p) {
        return null;
      }

      @Override
      public Void visitSwitchExpression(com.sun.source.tree.SwitchExpressionTree node, Void p) {
        if (!Awaits.contains(node)) {
          return null;
        }
        scan(node.getExpression(), p);
        for (CaseTree c : node.getCases()) {
          TreePath cp = new TreePath(getCurrentPath(), c);
          if (c.getStatements() != null && c.getCaseKind() == CaseTree.CaseKind.STATEMENT) {
            for (StatementTree st : c.getStatements()) {
              collect(new TreePath(cp, st), out);
            }
          } else if (c.getBody() instanceof StatementTree) {
            collect(new TreePath(cp, c.getBody()), out);
          } else if (c.getBody() != null) {
            scanExpressionPart(new TreePath(cp, c.getBody()), out);
          }
        }
        return null;
      }
    }.scan(expr, null);
  }

  /** Declares the pattern bindings of a lowered statement's own expressions as fields. */
  private void declareBindings(TreePath stmt) {
    for (TreePath e : expressionParts(stmt)) {
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitBindingPattern(com.sun.source.tree.BindingPatternTree node, Void p) {
          VariableTree v = node.getVariable();
          TypeMirror t = localTypes.get(v);
          if (t != null && !fieldBindings.contains(v)) {
            declare(v.getName().toString(), t, v);
            fieldBindings.add(v);
          }
          return null;
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree node, Void p) {
          return null;
        }

        @Override
        public Void visitClass(ClassTree node, Void p) {
          return null;
        }

        @Override
        public Void visitSwitchExpression(com.sun.source.tree.SwitchExpressionTree node, Void p) {
          return scan(node.getExpression(), p);
        }
      }.scan(e, null);
    }
  }

  /** The path of {@code t} under {@code parent}; null when the child is absent (no else). */
  private static TreePath child(TreePath parent, Tree t) {
    return t == null ? null : new TreePath(parent, t);
  }

  /** Whether a statement must be lowered (contains an await, or declares a field-held local). */
  static boolean needsLowering(Tree t) {
    return t != null && (t.getKind() == Tree.Kind.VARIABLE || Awaits.contains(t));
  }

  // ---------------------------------------------------------------------------------------------
  // Driver.

  StateMachine lower() {
    scopes.push(new HashMap<>());
    for (VariableTree p : method.tree.getParameters()) {
      VariableElement pe = null;
      for (VariableElement e : method.element.getParameters()) {
        if (e.getSimpleName().contentEquals(p.getName())) {
          pe = e;
        }
      }
      String f = declare(p.getName().toString(), pe.asType(), p);
      sm.parameters.add(f);
    }
    StateMachine.Label start = sm.newLabel();
    currentLine =
        method.tree.getBody().getStatements().isEmpty()
            ? text.line(method.tree.getBody())
            : text.line(method.tree.getBody().getStatements().get(0));
    awaitLine = currentLine;
    place(start);
    lowerBlockStatements(new TreePath(method.path, method.tree.getBody()));
    if (returnAwait != null) {
      awaitLine = currentLine;
      place(returnAwait);
      emit("complete(awaitResult());");
      emit("return;");
      reachable = false;
    }
    long last = sm.states.get(0).line;
    for (StateMachine.State st : sm.states) {
      if (st.line == 0) {
        st.line = last;
      }
      last = st.line;
    }
    return sm;
  }

  // ---------------------------------------------------------------------------------------------
  // Emission helpers.

  private void emit(String line) {
    current.code.append(line).append('\n');
  }

  /** Places the continuation state of an await just emitted (which already set the label). */
  private void placeAfterAwait(StateMachine.Label l) {
    awaitLine = currentLine;
    afterAwait = true;
    place(l);
  }

  private void place(StateMachine.Label l) {
    StateMachine.State s = new StateMachine.State(sm.states.size());
    if (current != null && reachable && !afterAwait) {
      // Falling into the next state: keep label exact for the exception dispatch and stack traces
      // (resolved to 'label = N;' only when the method has a lowered try).
      emit("" + StateMachine.FALL_THROUGH + s.number + StateMachine.FALL_THROUGH);
    }
    afterAwait = false;
    s.line = awaitLine;
    awaitLine = 0;
    sm.states.add(s);
    regionOfState.add(currentRegion());
    l.state = s.number;
    current = s;
    reachable = true;
  }

  private TryFrame currentRegion() {
    TryFrame f = tries.peek();
    if (f == null) {
      return null;
    }
    return f.inCatch ? f.catchRegion : f;
  }

  private void jump(StateMachine.Label l) {
    if (reachable) {
      emit("label = " + StateMachine.ref(l) + ";");
      emit("continue;");
      reachable = false;
    }
  }

  private void comment(Tree t) {
    currentLine = text.line(t);
    if (current.line == 0) {
      current.line = currentLine;
    }
    emit("// " + host.fileName() + ":" + text.line(t) + "  " + text.firstLine(t));
  }

  private void error(String msg, Tree t) {
    failed = true;
    trees.printMessage(Diagnostic.Kind.ERROR, msg, t, host.unit);
  }

  // ---------------------------------------------------------------------------------------------
  // Fields.

  private String declare(String name, TypeMirror type, Tree at) {
    TypeName tn = fieldType(type, name, at);
    String field = name;
    int n = 1;
    while (RESERVED.contains(field)
        || field.startsWith("$")
        || (sm.fields.containsKey(field) && !sameType(fieldMirrors.get(field), type))) {
      n++;
      field = name + "$" + n;
    }
    sm.fields.put(field, tn);
    fieldMirrors.put(field, type);
    scopes.peek().put(name, field);
    return field;
  }

  /**
   * The type of a local that becomes a field, from {@link TypeAnalysis}; a local it did not type
   * (one {@link #loweredLocals} missed) is reported on its declaration, never a crash.
   */
  private TypeMirror localType(TreePath varPath) {
    VariableTree v = (VariableTree) varPath.getLeaf();
    TypeMirror t = localTypes.get(v);
    if (t == null) {
      error(Diagnostics.unknownLocalType(v.getName().toString()), v);
      t = elements.getTypeElement("java.lang.Object").asType();
    }
    return t;
  }

  private boolean sameType(TypeMirror a, TypeMirror b) {
    return a != null && b != null && types.isSameType(a, b);
  }

  private TypeName fieldType(TypeMirror type, String name, Tree at) {
    TypeMirror t = type;
    if (t.getKind() == TypeKind.UNION) {
      t = lub(((UnionType) t).getAlternatives());
    }
    try {
      if (!nameable(t)) {
        throw new IllegalArgumentException(t.toString());
      }
      return TypeName.get(t);
    } catch (RuntimeException e) {
      error(Diagnostics.unnameableLocal(name, type.toString()), at);
      return ClassName.OBJECT;
    }
  }

  /** Whether the type can be written in a field declaration of the generated class. */
  private static boolean nameable(TypeMirror t) {
    switch (t.getKind()) {
      case INTERSECTION:
      case UNION:
      case ERROR:
        return false;
      case ARRAY:
        return nameable(((javax.lang.model.type.ArrayType) t).getComponentType());
      case DECLARED:
        {
          javax.lang.model.type.DeclaredType d = (javax.lang.model.type.DeclaredType) t;
          TypeElement te = (TypeElement) d.asElement();
          if (te.getSimpleName().length() == 0
              || te.getQualifiedName().length() == 0
              || t.toString().contains("<anonymous")
              || !Discovery.isNamed(te)
              || d.asElement().getModifiers().contains(Modifier.PRIVATE)) {
            return false;
          }
          for (TypeMirror a : d.getTypeArguments()) {
            if (!nameable(a)) {
              return false;
            }
          }
          return true;
        }
      case WILDCARD:
        {
          javax.lang.model.type.WildcardType w = (javax.lang.model.type.WildcardType) t;
          return (w.getExtendsBound() == null || nameable(w.getExtendsBound()))
              && (w.getSuperBound() == null || nameable(w.getSuperBound()));
        }
      default:
        return true;
    }
  }

  private TypeMirror lub(List<? extends TypeMirror> alts) {
    TypeMirror c = alts.get(0);
    while (true) {
      boolean all = true;
      for (TypeMirror a : alts) {
        if (!types.isAssignable(a, c)) {
          all = false;
        }
      }
      if (all) {
        return c;
      }
      List<? extends TypeMirror> sup = types.directSupertypes(c);
      if (sup.isEmpty()) {
        return elements.getTypeElement("java.lang.Throwable").asType();
      }
      c = sup.get(0);
    }
  }

  private String fieldOf(String name) {
    for (Map<String, String> s : scopes) {
      String f = s.get(name);
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  private String newTemp() {
    String name = "$t" + temps++;
    sm.fields.putIfAbsent(name, ClassName.OBJECT);
    return name;
  }

  private String newBoolean() {
    String name = "$b" + booleans++;
    sm.fields.putIfAbsent(name, TypeName.BOOLEAN);
    return name;
  }

  // ---------------------------------------------------------------------------------------------
  // Statements.

  private void lowerBlockStatements(TreePath blockPath) {
    scopes.push(new HashMap<>());
    for (StatementTree s : ((BlockTree) blockPath.getLeaf()).getStatements()) {
      lowerStatement(new TreePath(blockPath, s));
    }
    scopes.pop();
  }

  private void lowerStatement(TreePath path) {
    Tree t = path.getLeaf();
    if (!needsLowering(t)) {
      if (t.getKind() == Tree.Kind.BLOCK) {
        lowerBlockStatements(path);
        return;
      }
      if (t.getKind() == Tree.Kind.EMPTY_STATEMENT) {
        return;
      }
      if (t.getKind() == Tree.Kind.BREAK || t.getKind() == Tree.Kind.CONTINUE) {
        comment(t);
        loweredJump(t);
        return;
      }
      if (t instanceof ClassTree) {
        // A local class is visible only in its own case group: declare it before the state
        // machine, where every state sees it.
        String code = dedent(text.render(path, new Render(path)), text.column(t));
        sm.localClasses.add(
            "// " + host.fileName() + ":" + text.line(t) + "  (local class)\n" + code);
        return;
      }
      if (t.getKind() == Tree.Kind.YIELD && !yields.isEmpty()) {
        comment(t);
        lowerYield(path);
        return;
      }
      if (t.getKind() == Tree.Kind.RETURN) {
        comment(t);
        lowerReturn(path);
        return;
      }
      if (t.getKind() == Tree.Kind.LABELED_STATEMENT) {
        LabeledStatementTree ls = (LabeledStatementTree) t;
        if (!containsJumpTo(ls.getStatement(), ls.getLabel().toString())) {
          // A labelled statement whose label only inner statements use: copy it.
          comment(t);
          emitVerbatim(path);
          return;
        }
      }
      comment(t);
      emitVerbatim(path);
      return;
    }
    declareBindings(path);
    switch (t.getKind()) {
      case BLOCK:
        lowerBlockStatements(path);
        return;
      case VARIABLE:
        lowerVariable(path);
        return;
      case EXPRESSION_STATEMENT:
        comment(t);
        lowerExpressionStatement(new TreePath(path, ((ExpressionStatementTree) t).getExpression()));
        return;
      case RETURN:
        comment(t);
        lowerReturn(path);
        return;
      case YIELD:
        comment(t);
        lowerYield(path);
        return;
      case THROW:
        comment(t);
        {
          String x = expr(new TreePath(path, ((ThrowTree) t).getExpression()));
          emit("throw " + x + ";");
          reachable = false;
        }
        return;
      case IF:
        lowerIf(path);
        return;
      case WHILE_LOOP:
        lowerWhile(path, null);
        return;
      case DO_WHILE_LOOP:
        lowerDoWhile(path, null);
        return;
      case FOR_LOOP:
        lowerFor(path, null);
        return;
      case ENHANCED_FOR_LOOP:
        lowerForEach(path, null);
        return;
      case LABELED_STATEMENT:
        lowerLabeled(path);
        return;
      case SWITCH:
        lowerSwitch(path, null);
        return;
      case TRY:
        lowerTry(path);
        return;
      default:
        {
          String kind = t.getKind().toString().toLowerCase().replace('_', ' ');
          error(
              Diagnostics.unsupportedAwaitPosition(
                  ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind + " statement"),
              t);
        }
    }
  }

  private void emitVerbatim(TreePath path) {
    String code = text.render(path, new Render(path));
    emit(snapshot(path.getLeaf(), dedent(code, text.column(path.getLeaf()))));
    if (!canCompleteNormally((StatementTree) path.getLeaf())) {
      reachable = false;
    }
  }

  /**
   * Wraps a statement whose lambdas or local/anonymous classes capture locals that live in fields:
   * a final local copy of each (same name) makes them capture the value of this moment, as Java's
   * capture of an effectively final local does, not the field that a later iteration reassigns.
   */
  private String snapshot(Tree statement, String code) {
    Set<String> captured = new java.util.TreeSet<>();
    Set<String> assigned = assignedIn(statement);
    new TreeScanner<Void, Integer>() {
      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Integer depth) {
        return super.visitLambdaExpression(node, depth + 1);
      }

      @Override
      public Void visitClass(ClassTree node, Integer depth) {
        return super.visitClass(node, depth + 1);
      }

      @Override
      public Void visitIdentifier(IdentifierTree node, Integer depth) {
        String n = node.getName().toString();
        String f = fieldOf(n);
        if (depth > 0 && f != null && !assigned.contains(n)) {
          captured.add(f);
        }
        return null;
      }
    }.scan(statement, 0);
    if (captured.isEmpty()) {
      return code;
    }
    StringBuilder sb = new StringBuilder("{\n");
    for (String f : captured) {
      sb.append("  final ")
          .append(sm.fields.get(f))
          .append(' ')
          .append(f)
          .append(" = this.")
          .append(f)
          .append("; // captured by a lambda or class below\n");
    }
    for (String line : code.split("\n", -1)) {
      sb.append("  ").append(line).append('\n');
    }
    return sb.append('}').toString();
  }

  /** Removes the statement's original indentation from its continuation lines. */
  static String dedent(String code, int column) {
    if (column <= 0 || code.indexOf('\n') < 0) {
      return code;
    }
    StringBuilder sb = new StringBuilder();
    String[] lines = code.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (i > 0) {
        int strip = 0;
        while (strip < column && strip < line.length() && line.charAt(strip) == ' ') {
          strip++;
        }
        line = line.substring(strip);
        sb.append('\n');
      }
      sb.append(line);
    }
    return sb.toString();
  }

  private void lowerVariable(TreePath path) {
    VariableTree v = (VariableTree) path.getLeaf();
    TypeMirror type = localType(path);
    String field = declare(v.getName().toString(), type, v);
    if (v.getInitializer() == null) {
      return;
    }
    comment(v);
    ExpressionTree init = v.getInitializer();
    TreePath initPath = new TreePath(path, init);
    if (init instanceof NewArrayTree && ((NewArrayTree) init).getType() == null) {
      assignedNames = assignedIn(init);
      String arr = expr(initPath);
      emit(field + " = new " + sm.fields.get(field) + " " + arr + ";");
      return;
    }
    if (isAwaitingSwitch(init)) {
      lowerSwitchExpression(initPath, value -> field + " = " + value + ";");
      return;
    }
    assignedNames = assignedIn(init);
    boolean plain =
        Awaits.isAwait(init) && type.getKind() != TypeKind.TYPEVAR && !type.getKind().isPrimitive();
    String value = plain ? awaitPlain(initPath) : expr(initPath);
    emit(snapshot(init, field + " = " + value + ";"));
  }

  private void lowerExpressionStatement(TreePath path) {
    ExpressionTree e = (ExpressionTree) path.getLeaf();
    assignedNames = assignedIn(e);
    if (Awaits.isAwait(e)) {
      emit(awaitPlain(path) + ";");
      return;
    }
    if (e instanceof CompoundAssignmentTree
        && Awaits.contains(((CompoundAssignmentTree) e).getExpression())
        && (((CompoundAssignmentTree) e).getVariable() instanceof ArrayAccessTree
            || ((CompoundAssignmentTree) e).getVariable() instanceof MemberSelectTree
                && !isTypeOrPackage(
                    ((MemberSelectTree) ((CompoundAssignmentTree) e).getVariable())
                        .getExpression()))) {
      lowerElementCompoundAssignment(path);
      return;
    }
    if (Awaits.isYield(e)) {
      String v = expr(new TreePath(path, ((MethodInvocationTree) e).getArguments().get(0)));
      StateMachine.Label next = sm.newLabel();
      emit("yieldValue(" + v + ");");
      emit("label = " + StateMachine.ref(next) + ";");
      emit("return;");
      placeAfterAwait(next);
      emit("afterYield();");
      return;
    }
    if (e instanceof AssignmentTree
        && ((AssignmentTree) e).getVariable() instanceof IdentifierTree
        && isAwaitingSwitch(((AssignmentTree) e).getExpression())
        && fieldOf(((IdentifierTree) ((AssignmentTree) e).getVariable()).getName().toString())
            != null) {
      String field =
          fieldOf(((IdentifierTree) ((AssignmentTree) e).getVariable()).getName().toString());
      lowerSwitchExpression(
          new TreePath(path, ((AssignmentTree) e).getExpression()), v -> field + " = " + v + ";");
      return;
    }
    if (e instanceof AssignmentTree
        && ((AssignmentTree) e).getVariable() instanceof IdentifierTree
        && Awaits.isAwait(((AssignmentTree) e).getExpression())) {
      String name = ((IdentifierTree) ((AssignmentTree) e).getVariable()).getName().toString();
      String field = fieldOf(name);
      TypeMirror ft = field == null ? null : fieldMirrors.get(field);
      if (ft != null && !ft.getKind().isPrimitive() && ft.getKind() != TypeKind.TYPEVAR) {
        String v = awaitPlain(new TreePath(path, ((AssignmentTree) e).getExpression()));
        emit(field + " = " + v + ";");
        return;
      }
    }
    emit(snapshot(e, expr(path) + ";"));
  }

  /**
   * Lowers {@code Await.of(x)} whose value needs no type witness; returns {@code awaitResult()}.
   */
  private String awaitPlain(TreePath awaitPath) {
    MethodInvocationTree call = (MethodInvocationTree) awaitPath.getLeaf();
    String x = expr(new TreePath(awaitPath, call.getArguments().get(0)));
    currentLine = text.line(call);
    StateMachine.Label next = sm.newLabel();
    emit("if (!await(" + x + ", " + StateMachine.ref(next) + ")) return;");
    placeAfterAwait(next);
    if (call.getArguments().size() > 1) {
      TreePath cls = new TreePath(awaitPath, call.getArguments().get(1));
      return "awaitResult(" + text.render(cls, new Render(cls)) + ")";
    }
    return "awaitResult()";
  }

  private void lowerReturn(TreePath path) {
    ReturnTree r = (ReturnTree) path.getLeaf();
    ExpressionTree e = r.getExpression();
    if (e == null) {
      error(Diagnostics.returnWithoutCoroutine(), r);
      return;
    }
    TreePath ep = new TreePath(path, e);
    assignedNames = assignedIn(e);
    String value;
    if (isCoroutineOf(e)
        && isAwaitingSwitch(((MethodInvocationTree) e).getArguments().get(0))
        && innermostFinally(0) == null) {
      lowerSwitchExpression(
          new TreePath(ep, ((MethodInvocationTree) e).getArguments().get(0)),
          v -> "complete(" + v + ");\nreturn;");
      return;
    }
    if (isCoroutineOf(e)) {
      value = expr(new TreePath(ep, ((MethodInvocationTree) e).getArguments().get(0)));
    } else if (isCoroutineDone(e)) {
      value = "null";
    } else {
      String x = expr(ep);
      StateMachine.Label next = sm.newLabel();
      emit("if (!await(" + x + ", " + StateMachine.ref(next) + ")) return;");
      placeAfterAwait(next);
      value = "awaitResult()";
    }
    completeWith(value);
  }

  /** Completes with {@code value}, or routes the return through pending finally blocks. */
  private void completeWith(String value) {
    TryFrame f = innermostFinally(0);
    if (f == null) {
      emit("complete(" + value + ");");
      emit("return;");
    } else {
      sm.fields.putIfAbsent("$result", resultType());
      emit("$result = " + value + ";");
      emit(f.kind() + " = 2;");
      f.pendingReturn = true;
      emit("label = " + StateMachine.ref(f.finallyLabel) + ";");
      emit("continue;");
    }
    reachable = false;
  }

  private TypeName resultType() {
    TypeName ret = TypeName.get(method.element.getReturnType());
    if (ret instanceof ParameterizedTypeName) {
      return ((ParameterizedTypeName) ret).typeArguments().get(0);
    }
    return ClassName.OBJECT;
  }

  /** The innermost lowered try with a finally, among tries deeper than {@code depth}. */
  private TryFrame innermostFinally(int depth) {
    int d = tries.size();
    for (TryFrame f : tries) {
      if (d <= depth) {
        return null;
      }
      if (f.finallyLabel != null) {
        return f;
      }
      d--;
    }
    return null;
  }

  static boolean isCoroutineOf(ExpressionTree e) {
    return isCoroutineCall(e, "of", 1);
  }

  static boolean isCoroutineDone(ExpressionTree e) {
    if (e instanceof MethodInvocationTree
        && ((MethodInvocationTree) e).getArguments().isEmpty()
        && ((MethodInvocationTree) e).getMethodSelect() instanceof MemberSelectTree) {
      MemberSelectTree ms = (MemberSelectTree) ((MethodInvocationTree) e).getMethodSelect();
      String owner = ms.getExpression().toString();
      if (ms.getIdentifier().contentEquals("end")
          && (owner.equals("AsyncGenerator") || owner.equals("org.asyncio4j.AsyncGenerator"))) {
        return true;
      }
    }
    return isCoroutineCall(e, "done", 0);
  }

  private static boolean isCoroutineCall(ExpressionTree e, String name, int args) {
    if (!(e instanceof MethodInvocationTree)) {
      return false;
    }
    MethodInvocationTree m = (MethodInvocationTree) e;
    if (!(m.getMethodSelect() instanceof MemberSelectTree) || m.getArguments().size() != args) {
      return false;
    }
    MemberSelectTree ms = (MemberSelectTree) m.getMethodSelect();
    String owner = ms.getExpression().toString();
    return ms.getIdentifier().contentEquals(name)
        && (owner.equals("Coroutine") || owner.equals("org.asyncio4j.Coroutine"));
  }

  private String condition(TreePath path) {
    ExpressionTree c = (ExpressionTree) path.getLeaf();
    while (c instanceof ParenthesizedTree) {
      c = ((ParenthesizedTree) c).getExpression();
      path = new TreePath(path, c);
    }
    assignedNames = assignedIn(c);
    return expr(path);
  }

  private void lowerIf(TreePath path) {
    IfTree t = (IfTree) path.getLeaf();
    comment(t);
    String c = condition(new TreePath(path, t.getCondition()));
    boolean thenLowered =
        needsLowering(t.getThenStatement())
            || t.getThenStatement().getKind() == Tree.Kind.BLOCK
                && blockNeedsLowering((BlockTree) t.getThenStatement());
    boolean elseLowered =
        t.getElseStatement() != null
            && (needsLowering(t.getElseStatement())
                || t.getElseStatement().getKind() == Tree.Kind.BLOCK
                    && blockNeedsLowering((BlockTree) t.getElseStatement()));
    StateMachine.Label elseL = sm.newLabel();
    StateMachine.Label end = sm.newLabel();
    if (!thenLowered && !elseLowered) {
      String then =
          text.render(
              new TreePath(path, t.getThenStatement()),
              new Render(new TreePath(path, t.getThenStatement())));
      String code = "if (" + c + ") " + then;
      if (t.getElseStatement() != null) {
        TreePath ep = new TreePath(path, t.getElseStatement());
        code += " else " + text.render(ep, new Render(ep));
      }
      emit(code);
      if (t.getElseStatement() != null
          && !canCompleteNormally(t.getThenStatement())
          && !canCompleteNormally(t.getElseStatement())) {
        reachable = false;
      }
      return;
    }
    emit("if (!(" + c + ")) {");
    emit("  label = " + StateMachine.ref(t.getElseStatement() != null ? elseL : end) + ";");
    emit("  continue;");
    emit("}");
    lowerStatement(new TreePath(path, t.getThenStatement()));
    if (t.getElseStatement() != null) {
      jump(end);
      place(elseL);
      lowerStatement(new TreePath(path, t.getElseStatement()));
    }
    place(end);
  }

  private static boolean blockNeedsLowering(BlockTree b) {
    for (StatementTree s : b.getStatements()) {
      if (needsLowering(s)) {
        return true;
      }
    }
    return false;
  }

  private void lowerWhile(TreePath path, String userLabel) {
    WhileLoopTree t = (WhileLoopTree) path.getLeaf();
    StateMachine.Label cond = sm.newLabel();
    StateMachine.Label end = sm.newLabel();
    place(cond);
    comment(t);
    String c = condition(new TreePath(path, t.getCondition()));
    if (!c.equals("true")) {
      emit("if (!(" + c + ")) {");
      emit("  label = " + StateMachine.ref(end) + ";");
      emit("  continue;");
      emit("}");
    }
    jumps.push(new Jump(userLabel, true, true, end, cond, tries.size()));
    lowerStatement(new TreePath(path, t.getStatement()));
    jumps.pop();
    jump(cond);
    place(end);
  }

  private void lowerDoWhile(TreePath path, String userLabel) {
    DoWhileLoopTree t = (DoWhileLoopTree) path.getLeaf();
    StateMachine.Label body = sm.newLabel();
    StateMachine.Label cond = sm.newLabel();
    StateMachine.Label end = sm.newLabel();
    place(body);
    jumps.push(new Jump(userLabel, true, true, end, cond, tries.size()));
    lowerStatement(new TreePath(path, t.getStatement()));
    jumps.pop();
    place(cond);
    comment(t.getCondition());
    String c = condition(new TreePath(path, t.getCondition()));
    emit("if (" + c + ") {");
    emit("  label = " + StateMachine.ref(body) + ";");
    emit("  continue;");
    emit("}");
    place(end);
  }

  private void lowerFor(TreePath path, String userLabel) {
    ForLoopTree t = (ForLoopTree) path.getLeaf();
    scopes.push(new HashMap<>());
    for (StatementTree s : t.getInitializer()) {
      lowerStatement(new TreePath(path, s));
    }
    StateMachine.Label cond = sm.newLabel();
    StateMachine.Label update = sm.newLabel();
    StateMachine.Label end = sm.newLabel();
    place(cond);
    comment(t);
    if (t.getCondition() != null) {
      String c = condition(new TreePath(path, t.getCondition()));
      emit("if (!(" + c + ")) {");
      emit("  label = " + StateMachine.ref(end) + ";");
      emit("  continue;");
      emit("}");
    }
    jumps.push(new Jump(userLabel, true, true, end, update, tries.size()));
    lowerStatement(new TreePath(path, t.getStatement()));
    jumps.pop();
    place(update);
    for (ExpressionStatementTree u : t.getUpdate()) {
      TreePath up = new TreePath(new TreePath(path, u), u.getExpression());
      lowerExpressionStatement(up);
    }
    jump(cond);
    place(end);
    scopes.pop();
  }

  private void lowerForEach(TreePath path, String userLabel) {
    EnhancedForLoopTree t = (EnhancedForLoopTree) path.getLeaf();
    scopes.push(new HashMap<>());
    comment(t);
    TreePath exprPath = new TreePath(path, t.getExpression());
    assignedNames = assignedIn(t.getExpression());
    if (Awaits.isEach(t.getExpression())) {
      lowerAsyncFor(path, userLabel);
      scopes.pop();
      return;
    }
    String iterable = expr(exprPath);
    VariableTree v = t.getVariable();
    TypeMirror vt = localType(new TreePath(path, v));
    TypeName elem = vt.getKind().isPrimitive() ? TypeName.get(vt).box() : TypeName.get(vt);
    String it = "$it" + iterators++;
    sm.fields.put(
        it,
        ParameterizedTypeName.get(
            ClassName.get("java.util", "Iterator"), WildcardTypeName.subtypeOf(elem)));
    emit(it + " = loopIterator(" + iterable + ");");
    String var = declare(v.getName().toString(), vt, v);
    StateMachine.Label cond = sm.newLabel();
    StateMachine.Label end = sm.newLabel();
    place(cond);
    emit("if (!" + it + ".hasNext()) {");
    emit("  label = " + StateMachine.ref(end) + ";");
    emit("  continue;");
    emit("}");
    emit(var + " = " + it + ".next();");
    jumps.push(new Jump(userLabel, true, true, end, cond, tries.size()));
    lowerStatement(new TreePath(path, t.getStatement()));
    jumps.pop();
    jump(cond);
    place(end);
    scopes.pop();
  }

  /**
   * {@code for (T x : Await.each(items))}: Python's {@code async for}. Each element is announced by
   * an awaited {@code hasNext()}; leaving the loop early (break, return, an exception, a jump to an
   * outer loop) awaits {@code closeAsync()} first, so an async generator's finally blocks run
   * before control leaves the loop.
   */
  private void lowerAsyncFor(TreePath path, String userLabel) {
    EnhancedForLoopTree t = (EnhancedForLoopTree) path.getLeaf();
    MethodInvocationTree each = (MethodInvocationTree) t.getExpression();
    TreePath itemsPath = new TreePath(new TreePath(path, each), each.getArguments().get(0));
    String items = expr(itemsPath);
    VariableTree v = t.getVariable();
    TypeMirror vt = localType(new TreePath(path, v));
    TypeName elem = vt.getKind().isPrimitive() ? TypeName.get(vt).box() : TypeName.get(vt);
    String it = "$ait" + iterators++;
    sm.fields.put(
        it,
        ParameterizedTypeName.get(
            ClassName.get("org.asyncio4j", "AsyncIterator"), WildcardTypeName.subtypeOf(elem)));
    emit(it + " = " + items + ".asyncIterator();");
    String var = declare(v.getName().toString(), vt, v);
    int depth = tries.size();
    StateMachine.Label end = sm.newLabel();
    lowerTryParts(
        () -> {
          StateMachine.Label cond = sm.newLabel();
          StateMachine.Label announced = sm.newLabel();
          StateMachine.Label exhausted = sm.newLabel();
          place(cond);
          emit("if (!await(" + it + ".hasNext(), " + StateMachine.ref(announced) + ")) return;");
          placeAfterAwait(announced);
          emit("if (!(Boolean) awaitResult()) {");
          emit("  label = " + StateMachine.ref(exhausted) + ";");
          emit("  continue;");
          emit("}");
          emit(var + " = " + it + ".next();");
          jumps.push(new Jump(userLabel, true, true, end, cond, depth));
          lowerStatement(new TreePath(path, t.getStatement()));
          jumps.pop();
          jump(cond);
          place(exhausted);
        },
        List.of(),
        frame -> {
          StateMachine.Label closed = sm.newLabel();
          StateMachine.Label after = sm.newLabel();
          emit("if (" + frame.kind() + " == 0) {");
          emit("  label = " + StateMachine.ref(after) + ";");
          emit("  continue;");
          emit("}");
          emit("// the loop is left early: close the iterator (Python's aclose())");
          emit("if (!await(" + it + ".closeAsync(), " + StateMachine.ref(closed) + ")) return;");
          placeAfterAwait(closed);
          emit("awaitResult();");
          place(after);
        });
    place(end);
  }

  private void lowerLabeled(TreePath path) {
    LabeledStatementTree t = (LabeledStatementTree) path.getLeaf();
    String l = t.getLabel().toString();
    TreePath inner = new TreePath(path, t.getStatement());
    switch (t.getStatement().getKind()) {
      case WHILE_LOOP:
        lowerWhile(inner, l);
        return;
      case DO_WHILE_LOOP:
        lowerDoWhile(inner, l);
        return;
      case FOR_LOOP:
        lowerFor(inner, l);
        return;
      case ENHANCED_FOR_LOOP:
        lowerForEach(inner, l);
        return;
      case SWITCH:
        lowerSwitch(inner, l);
        return;
      default:
        StateMachine.Label end = sm.newLabel();
        jumps.push(new Jump(l, false, false, end, null, tries.size()));
        lowerStatement(inner);
        jumps.pop();
        place(end);
    }
  }

  private void lowerSwitch(TreePath path, String userLabel) {
    SwitchTree t = (SwitchTree) path.getLeaf();
    comment(t);
    String sel = condition(new TreePath(path, t.getExpression()));
    boolean arrows =
        !t.getCases().isEmpty() && t.getCases().get(0).getCaseKind() == CaseTree.CaseKind.RULE;
    List<StateMachine.Label> bodies = new ArrayList<>();
    StateMachine.Label end = sm.newLabel();
    StringBuilder dispatch = new StringBuilder("switch (" + sel + ") {\n");
    boolean hasDefault = false;
    for (CaseTree c : t.getCases()) {
      StateMachine.Label l = sm.newLabel();
      bodies.add(l);
      List<? extends ExpressionTree> exprs = c.getExpressions();
      if (exprs.isEmpty()) {
        dispatch.append("  default:\n");
        hasDefault = true;
      } else {
        for (ExpressionTree e : exprs) {
          dispatch.append("  case ").append(text.raw(e)).append(":\n");
        }
      }
      dispatch.append("    label = ").append(StateMachine.ref(l)).append(";\n");
      dispatch.append("    continue;\n");
    }
    dispatch.append("}");
    emit(dispatch.toString());
    if (!hasDefault) {
      emit("label = " + StateMachine.ref(end) + ";");
      emit("continue;");
    }
    reachable = false;
    jumps.push(new Jump(userLabel, false, true, end, null, tries.size()));
    scopes.push(new HashMap<>());
    for (int i = 0; i < t.getCases().size(); i++) {
      CaseTree c = t.getCases().get(i);
      TreePath cp = new TreePath(path, c);
      place(bodies.get(i));
      if (c.getStatements() != null) {
        for (StatementTree s : c.getStatements()) {
          lowerStatement(new TreePath(cp, s));
        }
      } else if (c.getBody() != null) {
        Tree body = c.getBody();
        if (body instanceof StatementTree) {
          lowerStatement(new TreePath(cp, body));
        } else {
          comment(body);
          assignedNames = assignedIn(body);
          emit(expr(new TreePath(cp, body)) + ";");
        }
      }
      if (arrows) {
        jump(end);
      }
    }
    scopes.pop();
    jumps.pop();
    place(end);
  }

  private void lowerYield(TreePath path) {
    YieldTarget y = yields.peek();
    com.sun.source.tree.YieldTree yt = (com.sun.source.tree.YieldTree) path.getLeaf();
    assignedNames = assignedIn(yt.getValue());
    String v = expr(new TreePath(path, yt.getValue()));
    emitSink(y.sink.apply(v));
    if (reachable) {
      emit("label = " + StateMachine.ref(y.end) + ";");
      emit("continue;");
      reachable = false;
    }
  }

  private void emitSink(String code) {
    emit(code);
    if (code.endsWith("return;")) {
      reachable = false;
    }
  }

  /** Whether {@code e} is a switch expression whose arms await (lowered into its target). */
  static boolean isAwaitingSwitch(ExpressionTree e) {
    return e != null && e.getKind() == Tree.Kind.SWITCH_EXPRESSION && Awaits.contains(e);
  }

  /**
   * Lowers a switch expression whose arms await: each arm's value goes to {@code sink} (an
   * assignment to the target local, or the coroutine's completion), then to the end.
   */
  private void lowerSwitchExpression(
      TreePath path, java.util.function.Function<String, String> sink) {
    com.sun.source.tree.SwitchExpressionTree t =
        (com.sun.source.tree.SwitchExpressionTree) path.getLeaf();
    String sel = condition(new TreePath(path, t.getExpression()));
    boolean arrows =
        !t.getCases().isEmpty() && t.getCases().get(0).getCaseKind() == CaseTree.CaseKind.RULE;
    StateMachine.Label end = sm.newLabel();
    List<StateMachine.Label> bodies = new ArrayList<>();
    StringBuilder dispatch = new StringBuilder("switch (" + sel + ") {\n");
    for (CaseTree c : t.getCases()) {
      StateMachine.Label l = sm.newLabel();
      bodies.add(l);
      if (c.getExpressions().isEmpty()) {
        dispatch.append("  default:\n");
      } else {
        for (ExpressionTree e : c.getExpressions()) {
          dispatch.append("  case ").append(text.raw(e)).append(":\n");
        }
      }
      dispatch.append("    label = ").append(StateMachine.ref(l)).append(";\n");
      dispatch.append("    continue;\n");
    }
    dispatch.append("}");
    emit(dispatch.toString());
    boolean hasDefault = false;
    for (CaseTree c : t.getCases()) {
      hasDefault |= c.getExpressions().isEmpty();
    }
    if (!hasDefault) {
      // An exhaustive enum switch without default: javac's own rule would throw here.
      emit("throw new IncompatibleClassChangeError(\"no case of the switch expression matched\");");
    }
    reachable = false;
    yields.push(new YieldTarget(sink, end, tries.size()));
    scopes.push(new HashMap<>());
    for (int i = 0; i < t.getCases().size(); i++) {
      CaseTree c = t.getCases().get(i);
      TreePath cp = new TreePath(path, c);
      place(bodies.get(i));
      if (c.getStatements() != null && !arrows) {
        for (StatementTree st : c.getStatements()) {
          lowerStatement(new TreePath(cp, st));
        }
      } else if (c.getBody() instanceof ExpressionTree) {
        comment(c.getBody());
        assignedNames = assignedIn(c.getBody());
        emitSink(sink.apply(expr(new TreePath(cp, c.getBody()))));
        jump(end);
      } else if (c.getBody() != null) {
        lowerStatement(new TreePath(cp, c.getBody()));
      }
    }
    scopes.pop();
    yields.pop();
    place(end);
  }

  // ---------------------------------------------------------------------------------------------
  // try / catch / finally.

  private void lowerTry(TreePath path) {
    TryTree t = (TryTree) path.getLeaf();
    comment(t);
    List<TreePath> catches = new ArrayList<>();
    for (CatchTree c : t.getCatches()) {
      catches.add(new TreePath(path, c));
    }
    Runnable body =
        t.getResources().isEmpty()
            ? () -> lowerStatement(new TreePath(path, t.getBlock()))
            : () -> lowerResources(path, 0);
    Runnable fin =
        t.getFinallyBlock() == null
            ? null
            : () -> lowerStatement(new TreePath(path, t.getFinallyBlock()));
    if (catches.isEmpty() && fin == null) {
      body.run();
      return;
    }
    scopes.push(new HashMap<>());
    lowerTryParts(body, catches, fin == null ? null : frame -> fin.run());
    scopes.pop();
  }

  /** The finally part of a lowered try; {@code frame} names its pending-completion fields. */
  private interface FinallyPart {
    void lower(TryFrame frame);
  }

  /**
   * try-with-resources, one resource at a time (JLS 14.20.3): an {@code AutoCloseable} is closed in
   * a finally (its exception added as suppressed to the body's); an {@code AsyncCloseable} is
   * Python's {@code async with}: {@code enterAsync()} is awaited before the body, {@code
   * exitAsync(error)} after it, and an exit completing with true suppresses the body's exception.
   */
  private void lowerResources(TreePath tryPath, int i) {
    TryTree t = (TryTree) tryPath.getLeaf();
    if (i == t.getResources().size()) {
      lowerStatement(new TreePath(tryPath, t.getBlock()));
      return;
    }
    Tree r = t.getResources().get(i);
    TreePath rp = new TreePath(tryPath, r);
    String ref;
    TypeMirror type;
    if (r instanceof VariableTree) {
      lowerVariable(rp);
      ref = fieldOf(((VariableTree) r).getName().toString());
      type = fieldMirrors.get(ref);
    } else {
      ref = expr(rp);
      type =
          r instanceof IdentifierTree
              ? (fieldOf(((IdentifierTree) r).getName().toString()) != null
                  ? fieldMirrors.get(fieldOf(((IdentifierTree) r).getName().toString()))
                  : hostFieldType(((IdentifierTree) r).getName().toString()))
              : null;
      if (type == null) {
        error(
            Diagnostics.unsupportedAwaitPosition(
                "a try-with-resources over an expression"
                    + " other than a local variable or field"),
            r);
        return;
      }
    }
    TypeElement asyncCloseable = elements.getTypeElement("org.asyncio4j.AsyncCloseable");
    boolean async =
        asyncCloseable != null
            && types.isAssignable(types.erasure(type), types.erasure(asyncCloseable.asType()));
    if (async) {
      StateMachine.Label entered = sm.newLabel();
      emit("// async with " + text.firstLine(r));
      emit("if (!await(" + ref + ".enterAsync(), " + StateMachine.ref(entered) + ")) return;");
      placeAfterAwait(entered);
      emit("awaitResult();");
      String suppress = "$suppress" + booleans++;
      sm.fields.put(suppress, ClassName.get(Boolean.class));
      lowerTryParts(
          () -> lowerResources(tryPath, i + 1),
          List.of(),
          frame -> {
            StateMachine.Label exited = sm.newLabel();
            emit(
                "if (!await("
                    + ref
                    + ".exitAsync("
                    + frame.kind()
                    + " == 1 ? "
                    + frame.thrown()
                    + " : null), "
                    + StateMachine.ref(exited)
                    + ")) return;");
            placeAfterAwait(exited);
            emit(suppress + " = awaitResult();");
            emit("if (" + frame.kind() + " == 1 && Boolean.TRUE.equals(" + suppress + ")) {");
            emit("  " + frame.kind() + " = 0;");
            emit("}");
          });
    } else {
      lowerTryParts(
          () -> lowerResources(tryPath, i + 1),
          List.of(),
          frame -> {
            emit("if (" + ref + " != null) {");
            emit("  if (" + frame.kind() + " == 1) {");
            emit("    try {");
            emit("      " + ref + ".close();");
            emit("    } catch (Throwable $suppressed) {");
            emit("      " + frame.thrown() + ".addSuppressed($suppressed);");
            emit("    }");
            emit("  } else {");
            emit("    " + ref + ".close();");
            emit("  }");
            emit("}");
          });
    }
  }

  /** A lowered try: body, catch clauses and an optional finally part. */
  private void lowerTryParts(Runnable body, List<TreePath> catches, FinallyPart fin) {
    TryFrame frame = new TryFrame(allTries.size(), currentRegion());
    allTries.add(frame);
    StateMachine.Label end = sm.newLabel();
    if (fin != null) {
      frame.finallyLabel = sm.newLabel();
      sm.fields.put(frame.kind(), TypeName.INT);
      sm.fields.put(frame.thrown(), ClassName.get(Throwable.class));
    }
    TryFrame catchRegion = new TryFrame(allTries.size(), currentRegion());
    allTries.add(catchRegion);
    catchRegion.finallyLabel = frame.finallyLabel;
    catchRegion.ownerId = frame.id;
    frame.catchRegion = catchRegion;
    List<StateMachine.Label> catchLabels = new ArrayList<>();
    List<Map<String, String>> catchScopes = new ArrayList<>();
    for (TreePath cp : catches) {
      CatchTree c = (CatchTree) cp.getLeaf();
      VariableTree p = c.getParameter();
      scopes.push(new HashMap<>());
      String field = declare(p.getName().toString(), localType(new TreePath(cp, p)), p);
      catchScopes.add(scopes.pop());
      List<String> caught = new ArrayList<>();
      Tree type = p.getType();
      if (type.getKind() == Tree.Kind.UNION_TYPE) {
        for (Tree alt : ((com.sun.source.tree.UnionTypeTree) type).getTypeAlternatives()) {
          caught.add(text.raw(alt));
        }
      } else {
        caught.add(text.raw(type));
      }
      StateMachine.Label l = sm.newLabel();
      catchLabels.add(l);
      frame.handlers.add(new Handler(field, caught, l, sm.fields.get(field).toString()));
    }
    if (frame.finallyLabel != null) {
      emit(frame.kind() + " = 0;");
    }
    StateMachine.Label bodyLabel = sm.newLabel();
    tries.push(frame);
    place(bodyLabel);
    body.run();
    leaveTryNormally(frame, end);
    frame.inCatch = true;
    for (int i = 0; i < catches.size(); i++) {
      CatchTree c = (CatchTree) catches.get(i).getLeaf();
      place(catchLabels.get(i));
      scopes.push(catchScopes.get(i));
      lowerStatement(new TreePath(catches.get(i), c.getBlock()));
      scopes.pop();
      leaveTryNormally(frame, end);
    }
    tries.pop();
    if (fin != null) {
      place(frame.finallyLabel);
      fin.lower(frame);
      if (reachable) {
        emit("switch (" + frame.kind() + ") {");
        emit("  case 1:");
        emit("    throw " + frame.thrown() + ";");
        if (frame.pendingReturn) {
          emit("  case 2:");
          TryFrame outer = innermostFinally(0);
          if (outer == null) {
            emit("    complete($result);");
            emit("    return;");
          } else {
            outer.pendingReturn = true;
            emit("    " + outer.kind() + " = 2;");
            emit("    label = " + StateMachine.ref(outer.finallyLabel) + ";");
            emit("    continue;");
          }
        }
        for (int i = 0; i < frame.pendingJumps.size(); i++) {
          emit("  case " + (3 + i) + ":");
          Jump target = frame.pendingJumpFrames.get(i);
          StateMachine.Label l = frame.pendingJumps.get(i);
          TryFrame outer = finallyBetween(target.tryDepth);
          if (outer == null) {
            emit("    label = " + StateMachine.ref(l) + ";");
          } else {
            emit("    " + outer.kind() + " = " + (3 + pendingIndex(outer, l, target)) + ";");
            emit("    label = " + StateMachine.ref(outer.finallyLabel) + ";");
          }
          emit("    continue;");
        }
        emit("  default:");
        emit("    break;");
        emit("}");
      }
    }
    place(end);
  }

  private void leaveTryNormally(TryFrame frame, StateMachine.Label end) {
    if (!reachable) {
      return;
    }
    if (frame.finallyLabel != null) {
      emit(frame.kind() + " = 0;");
      emit("label = " + StateMachine.ref(frame.finallyLabel) + ";");
      emit("continue;");
      reachable = false;
    } else {
      jump(end);
    }
  }

  private int pendingIndex(TryFrame f, StateMachine.Label l, Jump target) {
    int i = f.pendingJumps.indexOf(l);
    if (i < 0) {
      f.pendingJumps.add(l);
      f.pendingJumpFrames.add(target);
      i = f.pendingJumps.size() - 1;
    }
    return i;
  }

  /** The innermost lowered finally between here and a jump target at try depth {@code depth}. */
  private TryFrame finallyBetween(int depth) {
    return innermostFinally(depth);
  }

  /** The code of a jump to {@code l} (a target at try depth {@code depth}) from here. */
  private String jumpCode(StateMachine.Label l, Jump target, boolean nested) {
    String lab = nested ? "this.label" : "label";
    String cont = nested ? "continue stateMachine;" : "continue;";
    if (nested) {
      sm.labelled = true;
    }
    TryFrame f = finallyBetween(target.tryDepth);
    if (f == null) {
      return lab + " = " + StateMachine.ref(l) + "; " + cont;
    }
    int code = 3 + pendingIndex(f, l, target);
    return f.kind()
        + " = "
        + code
        + "; "
        + lab
        + " = "
        + StateMachine.ref(f.finallyLabel)
        + "; "
        + cont;
  }

  // ---------------------------------------------------------------------------------------------
  // break / continue.

  private Jump findJump(Tree t) {
    String label;
    boolean isContinue = t instanceof ContinueTree;
    label = isContinue ? nameOf(((ContinueTree) t).getLabel()) : nameOf(((BreakTree) t).getLabel());
    for (Jump j : jumps) {
      if (label != null) {
        if (label.equals(j.userLabel)) {
          return j;
        }
      } else if (isContinue ? j.loop : j.breakable) {
        return j;
      }
    }
    return null;
  }

  private static String nameOf(javax.lang.model.element.Name n) {
    return n == null ? null : n.toString();
  }

  private void loweredJump(Tree t) {
    Jump j = findJump(t);
    if (j == null) {
      error(Diagnostics.unsupportedAwaitPosition("this jump"), t);
      return;
    }
    StateMachine.Label l = t instanceof ContinueTree ? j.continueTo : j.breakTo;
    for (String line : jumpCode(l, j, false).split("; ")) {
      emit(line.endsWith(";") ? line : line + ";");
    }
    reachable = false;
  }

  private boolean containsJumpTo(Tree t, String label) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitBreak(BreakTree node, Void p) {
        if (node.getLabel() != null && node.getLabel().contentEquals(label)) {
          found[0] = true;
        }
        return null;
      }

      @Override
      public Void visitContinue(ContinueTree node, Void p) {
        if (node.getLabel() != null && node.getLabel().contentEquals(label)) {
          found[0] = true;
        }
        return null;
      }
    }.scan(t, null);
    return found[0] && Awaits.contains(t);
  }

  // ---------------------------------------------------------------------------------------------
  // Expressions.

  /** Lowers the expression at {@code path}; returns the text of its value at the current point. */
  private String expr(TreePath path) {
    ExpressionTree e = (ExpressionTree) path.getLeaf();
    if (!Awaits.contains(e)) {
      return text.render(path, new Render(path));
    }
    switch (e.getKind()) {
      case PARENTHESIZED:
        return "(" + expr(new TreePath(path, ((ParenthesizedTree) e).getExpression())) + ")";
      case CONDITIONAL_AND:
      case CONDITIONAL_OR:
        {
          BinaryTree b = (BinaryTree) e;
          if (!Awaits.contains(b.getRightOperand())) {
            break;
          }
          String left = expr(new TreePath(path, b.getLeftOperand()));
          String temp = newBoolean();
          StateMachine.Label end = sm.newLabel();
          boolean and = e.getKind() == Tree.Kind.CONDITIONAL_AND;
          emit("if (" + (and ? "!(" + left + ")" : left) + ") {");
          emit("  " + temp + " = " + !and + ";");
          emit("  label = " + StateMachine.ref(end) + ";");
          emit("  continue;");
          emit("}");
          String right = expr(new TreePath(path, b.getRightOperand()));
          emit(temp + " = " + right + ";");
          place(end);
          return temp;
        }
      case CONDITIONAL_EXPRESSION:
        {
          ConditionalExpressionTree c = (ConditionalExpressionTree) e;
          if (!Awaits.contains(c.getTrueExpression()) && !Awaits.contains(c.getFalseExpression())) {
            break;
          }
          String cond = expr(new TreePath(path, c.getCondition()));
          String temp = newTemp();
          StateMachine.Label elseL = sm.newLabel();
          StateMachine.Label end = sm.newLabel();
          emit("if (!(" + cond + ")) {");
          emit("  label = " + StateMachine.ref(elseL) + ";");
          emit("  continue;");
          emit("}");
          emit(temp + " = " + expr(new TreePath(path, c.getTrueExpression())) + ";");
          emit("label = " + StateMachine.ref(end) + ";");
          emit("continue;");
          place(elseL);
          emit(temp + " = " + expr(new TreePath(path, c.getFalseExpression())) + ";");
          place(end);
          return "stored(" + temp + ", () -> " + text.render(path, new Render(path)) + ")";
        }
      case METHOD_INVOCATION:
        if (Awaits.isAwait(e)) {
          MethodInvocationTree call = (MethodInvocationTree) e;
          TreePath arg = new TreePath(path, call.getArguments().get(0));
          String x = expr(arg);
          currentLine = text.line(call);
          StateMachine.Label next = sm.newLabel();
          emit("if (!await(" + x + ", " + StateMachine.ref(next) + ")) return;");
          placeAfterAwait(next);
          String witness = "false ? " + text.render(arg, new Render(arg)) + " : null";
          if (call.getArguments().size() > 1) {
            TreePath cls = new TreePath(path, call.getArguments().get(1));
            return "awaitResult(" + witness + ", " + text.render(cls, new Render(cls)) + ")";
          }
          return "awaitResult(" + witness + ")";
        }
        break;
      case PLUS_ASSIGNMENT:
      case MINUS_ASSIGNMENT:
      case MULTIPLY_ASSIGNMENT:
      case DIVIDE_ASSIGNMENT:
      case REMAINDER_ASSIGNMENT:
      case AND_ASSIGNMENT:
      case OR_ASSIGNMENT:
      case XOR_ASSIGNMENT:
      case LEFT_SHIFT_ASSIGNMENT:
      case RIGHT_SHIFT_ASSIGNMENT:
      case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT:
        return compoundAssignment(path);
      case LAMBDA_EXPRESSION:
      case MEMBER_REFERENCE:
        break;
      case SWITCH_EXPRESSION:
        error(Diagnostics.unsupportedAwaitPosition("a switch expression"), e);
        return "null";
      default:
        break;
    }
    List<Tree> order = evaluationOrder(e);
    Map<Tree, String> overrides = new IdentityHashMap<>();
    for (int i = 0; i < order.size(); i++) {
      Tree c = order.get(i);
      boolean later = false;
      for (int j = i + 1; j < order.size(); j++) {
        later |= Awaits.contains(order.get(j));
      }
      TreePath cp = new TreePath(path, c);
      String v = expr(cp);
      if (later && !stable(c, v)) {
        v = spill(cp, v);
      }
      overrides.put(c, v);
    }
    return text.render(path, new Render(path, overrides));
  }

  private String spill(TreePath path, String value) {
    String temp = newTemp();
    emit(temp + " = " + value + ";");
    return "stored(" + temp + ", () -> " + text.render(path, new Render(path)) + ")";
  }

  private String compoundAssignment(TreePath path) {
    CompoundAssignmentTree ca = (CompoundAssignmentTree) path.getLeaf();
    ExpressionTree lhs = ca.getVariable();
    TreePath rhs = new TreePath(path, ca.getExpression());
    String op =
        text.source.subSequence(text.end(lhs), text.start(ca.getExpression())).toString().trim();
    if (lhs instanceof IdentifierTree) {
      String name = ((IdentifierTree) lhs).getName().toString();
      String field = fieldOf(name);
      if (field != null && !assignedIn(ca.getExpression()).contains(name)) {
        return field + " " + op + " " + expr(rhs);
      }
      TypeMirror t = field != null ? fieldMirrors.get(field) : hostFieldType(name);
      if (t != null) {
        String target = text.render(new TreePath(path, lhs), new Render(new TreePath(path, lhs)));
        String old = spill(new TreePath(path, lhs), target);
        String binop = op.substring(0, op.length() - 1);
        return target
            + " = ("
            + TypeName.get(t)
            + ") ("
            + old
            + " "
            + binop
            + " ("
            + expr(rhs)
            + "))";
      }
    }
    error(
        Diagnostics.unsupportedAwaitPosition(
            "the right side of a compound assignment to an array"
                + " element or another object's field"),
        ca);
    return "null";
  }

  /**
   * {@code a[i] op= <await>} or {@code o.f op= <await>} as a statement (JLS 15.26.2): the array and
   * index (or object) are evaluated and the old value saved before the right side; after it, the
   * saved value is written back and the compound assignment applied to it.
   */
  private void lowerElementCompoundAssignment(TreePath path) {
    CompoundAssignmentTree ca = (CompoundAssignmentTree) path.getLeaf();
    ExpressionTree lhs = ca.getVariable();
    TreePath lhsPath = new TreePath(path, lhs);
    String target;
    if (lhs instanceof ArrayAccessTree) {
      ArrayAccessTree aa = (ArrayAccessTree) lhs;
      TreePath ap = new TreePath(lhsPath, aa.getExpression());
      String arr = expr(ap);
      if (!stable(aa.getExpression(), arr)) {
        arr = spill(ap, arr);
      }
      TreePath ip = new TreePath(lhsPath, aa.getIndex());
      String idx = expr(ip);
      if (!stable(aa.getIndex(), idx)) {
        idx = spill(ip, idx);
      }
      target = arr + "[" + idx + "]";
    } else {
      MemberSelectTree ms = (MemberSelectTree) lhs;
      TreePath op = new TreePath(lhsPath, ms.getExpression());
      String obj = expr(op);
      if (!stable(ms.getExpression(), obj)) {
        obj = spill(op, obj);
      }
      target = obj + "." + ms.getIdentifier();
    }
    String old = spill(lhsPath, target);
    String op =
        text.source.subSequence(text.end(lhs), text.start(ca.getExpression())).toString().trim();
    String rhs = expr(new TreePath(path, ca.getExpression()));
    emit(target + " = " + old + ";");
    emit(target + " " + op + " " + rhs + ";");
  }

  private TypeMirror hostFieldType(String name) {
    for (Element m : elements.getAllMembers(host.type)) {
      if (m.getKind() == ElementKind.FIELD && m.getSimpleName().contentEquals(name)) {
        return m.asType();
      }
    }
    return null;
  }

  /** The sub-expressions of {@code e} in Java's evaluation order. */
  private List<Tree> evaluationOrder(ExpressionTree e) {
    List<Tree> out = new ArrayList<>();
    switch (e.getKind()) {
      case METHOD_INVOCATION:
        {
          MethodInvocationTree m = (MethodInvocationTree) e;
          if (m.getMethodSelect() instanceof MemberSelectTree) {
            ExpressionTree recv = ((MemberSelectTree) m.getMethodSelect()).getExpression();
            if (!isTypeOrPackage(recv)) {
              out.add(recv);
            }
          }
          out.addAll(m.getArguments());
          break;
        }
      case NEW_CLASS:
        {
          NewClassTree n = (NewClassTree) e;
          if (n.getEnclosingExpression() != null) {
            out.add(n.getEnclosingExpression());
          }
          out.addAll(n.getArguments());
          break;
        }
      case NEW_ARRAY:
        {
          NewArrayTree n = (NewArrayTree) e;
          out.addAll(n.getDimensions());
          if (n.getInitializers() != null) {
            out.addAll(n.getInitializers());
          }
          break;
        }
      case ASSIGNMENT:
        {
          AssignmentTree a = (AssignmentTree) e;
          addTargetParts(a.getVariable(), out);
          out.add(a.getExpression());
          break;
        }
      case ARRAY_ACCESS:
        out.add(((ArrayAccessTree) e).getExpression());
        out.add(((ArrayAccessTree) e).getIndex());
        break;
      case MEMBER_SELECT:
        if (!isTypeOrPackage(((MemberSelectTree) e).getExpression())) {
          out.add(((MemberSelectTree) e).getExpression());
        }
        break;
      case TYPE_CAST:
        out.add(((TypeCastTree) e).getExpression());
        break;
      case INSTANCE_OF:
        out.add(((InstanceOfTree) e).getExpression());
        break;
      case CONDITIONAL_EXPRESSION:
        out.add(((ConditionalExpressionTree) e).getCondition());
        break;
      case CONDITIONAL_AND:
      case CONDITIONAL_OR:
        out.add(((BinaryTree) e).getLeftOperand());
        break;
      default:
        if (e instanceof BinaryTree) {
          out.add(((BinaryTree) e).getLeftOperand());
          out.add(((BinaryTree) e).getRightOperand());
        } else if (e instanceof UnaryTree) {
          out.add(((UnaryTree) e).getExpression());
        } else {
          error(
              Diagnostics.unsupportedAwaitPosition(
                  "this kind of expression ("
                      + e.getKind().toString().toLowerCase().replace('_', ' ')
                      + ")"),
              e);
        }
    }
    return out;
  }

  private void addTargetParts(ExpressionTree target, List<Tree> out) {
    if (target instanceof ArrayAccessTree) {
      out.add(((ArrayAccessTree) target).getExpression());
      out.add(((ArrayAccessTree) target).getIndex());
    } else if (target instanceof MemberSelectTree
        && !isTypeOrPackage(((MemberSelectTree) target).getExpression())) {
      out.add(((MemberSelectTree) target).getExpression());
    }
  }

  /** Whether a name denotes a type or package (not a local or a field) — it evaluates nothing. */
  private boolean isTypeOrPackage(ExpressionTree e) {
    if (e instanceof IdentifierTree) {
      String n = ((IdentifierTree) e).getName().toString();
      if (n.equals("this") || n.equals("super") || fieldOf(n) != null) {
        return false;
      }
      return !isVisibleField(n);
    }
    if (e instanceof MemberSelectTree) {
      return isTypeOrPackage(((MemberSelectTree) e).getExpression())
              && !Character.isLowerCase(((MemberSelectTree) e).getIdentifier().charAt(0))
          || isTypeOrPackage(((MemberSelectTree) e).getExpression())
              && discovery.resolveQualified(e.toString(), host.unit, host.type) != null;
    }
    return false;
  }

  private boolean isVisibleField(String name) {
    for (Element t = host.type; t instanceof TypeElement; t = t.getEnclosingElement()) {
      for (Element m : elements.getAllMembers((TypeElement) t)) {
        if (m.getKind().isField() && m.getSimpleName().contentEquals(name)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether re-reading the (await-free) expression after a later await gives the same value with
   * the same effects: literals, {@code this}, type names, and locals the statement does not assign.
   */
  private boolean stable(Tree t, String loweredText) {
    if (loweredText.matches("\\$b\\d+")) {
      return true;
    }
    if (Awaits.contains(t)) {
      return false;
    }
    switch (t.getKind()) {
      case INT_LITERAL:
      case LONG_LITERAL:
      case FLOAT_LITERAL:
      case DOUBLE_LITERAL:
      case BOOLEAN_LITERAL:
      case CHAR_LITERAL:
      case STRING_LITERAL:
      case NULL_LITERAL:
      case LAMBDA_EXPRESSION:
        return true;
      case PARENTHESIZED:
        return stable(((ParenthesizedTree) t).getExpression(), loweredText);
      case MEMBER_REFERENCE:
        return isTypeOrPackage(((MemberReferenceTree) t).getQualifierExpression())
            || stable(((MemberReferenceTree) t).getQualifierExpression(), "");
      case IDENTIFIER:
        {
          String n = ((IdentifierTree) t).getName().toString();
          if (n.equals("this")) {
            return true;
          }
          if (fieldOf(n) != null) {
            return !assignedNames.contains(n);
          }
          return isTypeOrPackage((ExpressionTree) t);
        }
      case MEMBER_SELECT:
        {
          MemberSelectTree ms = (MemberSelectTree) t;
          if (ms.getIdentifier().contentEquals("class")) {
            return true;
          }
          String id = ms.getIdentifier().toString();
          return isTypeOrPackage(ms.getExpression()) && id.equals(id.toUpperCase());
        }
      default:
        return t instanceof LiteralTree;
    }
  }

  /** Simple names assigned (=, op=, ++, --) anywhere in {@code t}. */
  static Set<String> assignedIn(Tree t) {
    Set<String> out = new HashSet<>();
    new TreeScanner<Void, Void>() {
      private void target(ExpressionTree v) {
        if (v instanceof IdentifierTree) {
          out.add(((IdentifierTree) v).getName().toString());
        }
      }

      @Override
      public Void visitAssignment(AssignmentTree node, Void p) {
        target(node.getVariable());
        return super.visitAssignment(node, p);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree node, Void p) {
        target(node.getVariable());
        return super.visitCompoundAssignment(node, p);
      }

      @Override
      public Void visitUnary(UnaryTree node, Void p) {
        switch (node.getKind()) {
          case PREFIX_INCREMENT:
          case PREFIX_DECREMENT:
          case POSTFIX_INCREMENT:
          case POSTFIX_DECREMENT:
            target(node.getExpression());
            break;
          default:
            break;
        }
        return super.visitUnary(node, p);
      }
    }.scan(t, null);
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Reachability of copied statements (JLS 14.22, the parts that matter here).

  static boolean canCompleteNormally(StatementTree s) {
    if (s == null) {
      return true;
    }
    switch (s.getKind()) {
      case RETURN:
      case THROW:
      case BREAK:
      case CONTINUE:
      case YIELD:
        return false;
      case BLOCK:
        for (StatementTree x : ((BlockTree) s).getStatements()) {
          if (!canCompleteNormally(x)) {
            return false;
          }
        }
        return true;
      case IF:
        {
          IfTree i = (IfTree) s;
          return i.getElseStatement() == null
              || canCompleteNormally(i.getThenStatement())
              || canCompleteNormally(i.getElseStatement());
        }
      case WHILE_LOOP:
        return !isTrue(((WhileLoopTree) s).getCondition()) || hasBreak(s, null);
      case DO_WHILE_LOOP:
        return !isTrue(((DoWhileLoopTree) s).getCondition()) || hasBreak(s, null);
      case FOR_LOOP:
        {
          ExpressionTree c = ((ForLoopTree) s).getCondition();
          return (c != null && !isTrue(c)) || hasBreak(s, null);
        }
      case LABELED_STATEMENT:
        {
          LabeledStatementTree l = (LabeledStatementTree) s;
          return canCompleteNormally(l.getStatement())
              || hasBreak(l.getStatement(), l.getLabel().toString());
        }
      case SYNCHRONIZED:
        return canCompleteNormally(((com.sun.source.tree.SynchronizedTree) s).getBlock());
      case TRY:
        {
          TryTree t = (TryTree) s;
          if (t.getFinallyBlock() != null && !canCompleteNormally(t.getFinallyBlock())) {
            return false;
          }
          if (canCompleteNormally(t.getBlock())) {
            return true;
          }
          for (CatchTree c : t.getCatches()) {
            if (canCompleteNormally(c.getBlock())) {
              return true;
            }
          }
          return false;
        }
      case SWITCH:
        {
          SwitchTree sw = (SwitchTree) s;
          boolean hasDefault = false;
          for (CaseTree c : sw.getCases()) {
            if (c.getExpressions().isEmpty()) {
              hasDefault = true;
            }
          }
          if (!hasDefault || hasBreak(s, null) || sw.getCases().isEmpty()) {
            return true;
          }
          if (sw.getCases().get(0).getCaseKind() == CaseTree.CaseKind.RULE) {
            for (CaseTree c : sw.getCases()) {
              Tree b = c.getBody();
              if (!(b instanceof StatementTree) || canCompleteNormally((StatementTree) b)) {
                return true;
              }
            }
            return false;
          }
          CaseTree last = sw.getCases().get(sw.getCases().size() - 1);
          List<? extends StatementTree> st = last.getStatements();
          return st.isEmpty() || canCompleteNormally(st.get(st.size() - 1));
        }
      default:
        return true;
    }
  }

  private static boolean isTrue(ExpressionTree c) {
    while (c instanceof ParenthesizedTree) {
      c = ((ParenthesizedTree) c).getExpression();
    }
    return c instanceof LiteralTree && Boolean.TRUE.equals(((LiteralTree) c).getValue());
  }

  /** Whether {@code s} contains a break that leaves it (unlabelled, or to {@code label}). */
  private static boolean hasBreak(StatementTree s, String label) {
    boolean[] found = {false};
    new TreeScanner<Void, Integer>() {
      @Override
      public Void visitBreak(BreakTree node, Integer depth) {
        if (node.getLabel() == null
            ? depth == 0 && label == null
            : node.getLabel().contentEquals(String.valueOf(label))) {
          found[0] = true;
        }
        return null;
      }

      private Void nested(Tree body, Integer depth) {
        return scan(body, depth + 1);
      }

      @Override
      public Void visitWhileLoop(WhileLoopTree node, Integer depth) {
        scan(node.getCondition(), depth);
        return nested(node.getStatement(), depth);
      }

      @Override
      public Void visitDoWhileLoop(DoWhileLoopTree node, Integer depth) {
        return nested(node.getStatement(), depth);
      }

      @Override
      public Void visitForLoop(ForLoopTree node, Integer depth) {
        return nested(node.getStatement(), depth);
      }

      @Override
      public Void visitEnhancedForLoop(EnhancedForLoopTree node, Integer depth) {
        return nested(node.getStatement(), depth);
      }

      @Override
      public Void visitSwitch(SwitchTree node, Integer depth) {
        for (CaseTree c : node.getCases()) {
          nested(c, depth);
        }
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Integer depth) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree node, Integer depth) {
        return null;
      }
    }.scan(
        s,
        s.getKind() == Tree.Kind.WHILE_LOOP
                || s.getKind() == Tree.Kind.DO_WHILE_LOOP
                || s.getKind() == Tree.Kind.FOR_LOOP
                || s.getKind() == Tree.Kind.SWITCH
            ? -1
            : 0);
    return found[0];
  }

  // ---------------------------------------------------------------------------------------------
  // Copying user text.

  /** The edits applied when copying user code into the coroutine. */
  private final class Render implements SourceText.Rewriter {
    private final TreePath root;
    private final Map<Tree, String> overrides;
    private final Set<String> declaredInside = new HashSet<>();

    Render(TreePath root) {
      this(root, Map.of());
    }

    Render(TreePath root, Map<Tree, String> overrides) {
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
            Jump j = findJump(t);
            if (j == null) {
              return null;
            }
            StateMachine.Label l = t instanceof ContinueTree ? j.continueTo : j.breakTo;
            return "{ " + jumpCode(l, j, true) + " }";
          }
          return null;
        case YIELD:
          if (!yields.isEmpty() && !insideLambdaOrClass(path) && yieldLeavesRoot(path)) {
            YieldTarget y = yields.peek();
            sm.labelled = true;
            String v =
                text.render(
                    new TreePath(path, ((com.sun.source.tree.YieldTree) t).getValue()), this);
            return "{ "
                + y.sink.apply(v).replace("\n", " ")
                + " this.label = "
                + StateMachine.ref(y.end)
                + "; continue stateMachine; }";
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
          isContinue ? nameOf(((ContinueTree) t).getLabel()) : nameOf(((BreakTree) t).getLabel());
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
      if (!(pattern instanceof com.sun.source.tree.BindingPatternTree)) {
        return null;
      }
      VariableTree v = ((com.sun.source.tree.BindingPatternTree) pattern).getVariable();
      if (!fieldBindings.contains(v)) {
        return null;
      }
      String field = fieldOf(v.getName().toString());
      String temp = "$p" + patterns++;
      String operand = text.render(new TreePath(path, io.getExpression()), this);
      return "("
          + operand
          + " instanceof "
          + text.raw(v.getType())
          + " "
          + temp
          + " && ("
          + field
          + " = "
          + temp
          + ") != null)";
    }

    private String returnText(TreePath path) {
      ReturnTree r = (ReturnTree) path.getLeaf();
      ExpressionTree e = r.getExpression();
      if (e == null) {
        return null;
      }
      TreePath ep = new TreePath(path, e);
      TryFrame f = innermostFinally(0);
      String value;
      if (isCoroutineOf(e)) {
        TreePath arg = new TreePath(ep, ((MethodInvocationTree) e).getArguments().get(0));
        value = text.render(arg, this);
      } else if (isCoroutineDone(e)) {
        value = "null";
      } else {
        if (returnAwait == null) {
          returnAwait = sm.newLabel();
        }
        sm.labelled = true;
        if (f != null) {
          error(
              Diagnostics.unsupportedAwaitPosition(
                  "a 'return <awaitable>' inside a try whose"
                      + " finally awaits (return Coroutine.of(Await.of(...)) instead)"),
              r);
        }
        return "{ if (await("
            + text.render(ep, this)
            + ", "
            + StateMachine.ref(returnAwait)
            + ")) continue stateMachine; return; }";
      }
      if (f == null) {
        return "{ complete(" + value + "); return; }";
      }
      sm.fields.putIfAbsent("$result", resultType());
      f.pendingReturn = true;
      sm.labelled = true;
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
      boolean instance = !method.isStatic();
      if (name.equals("this")) {
        return instance && !insideClassBody(path) ? host.generatedName + ".this" : null;
      }
      if (name.equals("super")) {
        return instance && !insideClassBody(path) ? host.generatedName + ".super" : null;
      }
      Tree parent = path.getParentPath().getLeaf();
      boolean callee =
          parent instanceof MethodInvocationTree
              && ((MethodInvocationTree) parent).getMethodSelect() == id;
      if (!callee && !declaredInside.contains(name)) {
        String f = fieldOf(name);
        if (f != null) {
          return f.equals(name) ? null : f;
        }
      }
      if (callee && !declaredInside.contains(name)) {
        String redirected = staticallyImportedAsync(name);
        if (redirected != null) {
          return redirected;
        }
      }
      if (host.packageName.isEmpty() && !declaredInside.contains(name)) {
        // No 'import static C.*' is possible from the unnamed package: qualify C's static members.
        for (Element m : elements.getAllMembers(host.type)) {
          boolean kindOk = callee ? m.getKind() == ElementKind.METHOD : m.getKind().isField();
          if (kindOk
              && m.getSimpleName().contentEquals(name)
              && m.getModifiers().contains(Modifier.STATIC)
              && !(callee && Discovery.isAsync(m))) {
            return hostReference() + "." + name;
          }
        }
      }
      if (RESERVED.contains(name) && !(declaredInside.contains(name) && !callee)) {
        for (Element m : elements.getAllMembers(host.type)) {
          boolean kindOk = callee ? m.getKind() == ElementKind.METHOD : m.getKind().isField();
          if (kindOk && m.getSimpleName().contentEquals(name)) {
            if (m.getModifiers().contains(Modifier.STATIC)) {
              return hostReference() + "." + name;
            }
            if (instance) {
              return host.generatedName + ".this." + name;
            }
          }
        }
      }
      return null;
    }

    /**
     * {@code m(...)} statically imported from a class whose {@code m} is a static {@code @Async}
     * method: the generated class's {@code m}; null otherwise (or when the host declares {@code
     * m}).
     */
    private String staticallyImportedAsync(String name) {
      for (Element m : host.type.getEnclosedElements()) {
        if (m.getKind() == ElementKind.METHOD && m.getSimpleName().contentEquals(name)) {
          return null;
        }
      }
      for (com.sun.source.tree.ImportTree imp : host.unit.getImports()) {
        if (!imp.isStatic() || !(imp.getQualifiedIdentifier() instanceof MemberSelectTree)) {
          continue;
        }
        MemberSelectTree q = (MemberSelectTree) imp.getQualifiedIdentifier();
        String member = q.getIdentifier().toString();
        if (!member.equals(name) && !member.equals("*")) {
          continue;
        }
        TypeElement owner = elements.getTypeElement(q.getExpression().toString());
        if (owner == null || !Validation.allAsync(owner, name)) {
          continue;
        }
        boolean allStatic = true;
        for (javax.lang.model.element.ExecutableElement e : Discovery.asyncMethods(owner, name)) {
          allStatic &= e.getModifiers().contains(Modifier.STATIC);
        }
        if (allStatic) {
          return Discovery.generatedQualifiedName(elements, owner) + "." + name;
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
          || fieldOf(Validation.firstName(owner.toString())) != null
          || declaredInside.contains(Validation.firstName(owner.toString()))) {
        return null;
      }
      String gen = generatedStaticAsync(owner.toString(), id);
      return gen == null ? null : gen + "::" + id;
    }

    /** The generated class that holds the static @Async methods {@code owner.id}, or null. */
    private String generatedStaticAsync(String owner, String id) {
      TypeElement t = discovery.resolveQualified(owner, host.unit, host.type);
      if (t == null || !Validation.allAsync(t, id)) {
        return null;
      }
      for (javax.lang.model.element.ExecutableElement m : Discovery.asyncMethods(t, id)) {
        if (!m.getModifiers().contains(Modifier.STATIC)) {
          return null;
        }
      }
      if (elements.getPackageOf(t).getQualifiedName().contentEquals(host.packageName)) {
        return Discovery.generatedName(t);
      }
      return Discovery.generatedQualifiedName(elements, t);
    }

    private String memberSelect(TreePath path) {
      MemberSelectTree ms = (MemberSelectTree) path.getLeaf();
      String id = ms.getIdentifier().toString();
      ExpressionTree owner = ms.getExpression();
      if (id.equals("this")
          && !method.isStatic()
          && owner.toString().equals(host.type.getSimpleName().toString())) {
        return host.generatedName + ".this";
      }
      Tree parent = path.getParentPath().getLeaf();
      boolean callee =
          parent instanceof MethodInvocationTree
              && ((MethodInvocationTree) parent).getMethodSelect() == ms;
      if (callee
          && Validation.isTypeName(owner)
          && fieldOf(Validation.firstName(owner.toString())) == null
          && !declaredInside.contains(Validation.firstName(owner.toString()))) {
        TypeElement t = discovery.resolveQualified(owner.toString(), host.unit, host.type);
        if (t != null && Validation.allAsync(t, id)) {
          boolean allStatic = true;
          for (javax.lang.model.element.ExecutableElement m : Discovery.asyncMethods(t, id)) {
            allStatic &= m.getModifiers().contains(Modifier.STATIC);
          }
          if (allStatic) {
            String gen = Discovery.generatedQualifiedName(elements, t);
            if (elements.getPackageOf(t).getQualifiedName().contentEquals(host.packageName)) {
              gen = Discovery.generatedName(t);
            }
            return gen + "." + id;
          }
        }
      }
      return null;
    }
  }

  /** How generated code names the host class (for static members). */
  private String hostReference() {
    StringBuilder sb = new StringBuilder();
    for (Element e = host.type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      sb.insert(0, sb.length() == 0 ? e.getSimpleName() : e.getSimpleName() + ".");
    }
    return sb.toString();
  }
}
