package org.asyncio4j.processor;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
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
          "awaitReady",
          "readyResult",
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

  // The method being lowered and the compiler's views of it.
  final Discovery.Host host;
  final Discovery.Method method;
  final SourceText text;
  final Trees trees;
  final Elements elements;
  final Types types;
  final Discovery discovery;
  final Map<VariableTree, TypeMirror> localTypes;

  /** The output: states, fields, local classes. */
  final StateMachine sm = new StateMachine();

  /** Whether an error was reported (the class is not generated). */
  boolean failed;

  // The lowerers of each construct; they share the state below.
  final LocalFields localFields = new LocalFields(this);
  final Statements statements = new Statements(this);
  final Expressions expressions = new Expressions(this);
  final EvaluationOrder evaluationOrder = new EvaluationOrder(this);
  final CompoundAssignments compoundAssignments = new CompoundAssignments(this);
  final Loops loops = new Loops(this);
  final AsyncIteration asyncIteration = new AsyncIteration(this);
  final Switches switches = new Switches(this);
  final TryStatements tryStatements = new TryStatements(this);
  final BreakContinue breakContinue = new BreakContinue(this);
  final Captures captures = new Captures(this);
  final StaticTypes staticTypes = new StaticTypes(this);

  /** The state being written, and whether its end is reachable. */
  StateMachine.State current;

  boolean reachable;

  /** The source line of the statement or await being lowered. */
  long currentLine;

  /** The line of the await whose continuation is the next placed state (0: none). */
  long awaitLine;

  /** Whether the next placed state is an await's continuation (the await set the label). */
  boolean afterAwait;

  /** Block scopes, innermost first: a user local's name to the field that holds it. */
  final Deque<Map<String, String>> scopes = new ArrayDeque<>();

  /** The type of each field that holds a user local. */
  final Map<String, TypeMirror> fieldMirrors = new HashMap<>();

  /** Lowered loops, switches and labelled statements that break/continue may target. */
  final Deque<BreakContinue.Jump> jumps = new ArrayDeque<>();

  /** Lowered try statements enclosing the code being lowered, innermost first. */
  final Deque<TryStatements.TryFrame> tries = new ArrayDeque<>();

  /** Lowered switch expressions that a yield may complete: where the value goes, and the end. */
  final Deque<Switches.YieldTarget> yields = new ArrayDeque<>();

  /** Pattern bindings held in fields (their instanceof is rewritten to assign the field). */
  final Set<VariableTree> fieldBindings =
      java.util.Collections.newSetFromMap(new IdentityHashMap<>());

  // Counters of generated names ($p, $t, $b, $it).
  int patterns;
  int temps;
  int booleans;
  int iterators;

  /** The state that completes with the result of a {@code return <awaitable>} (null: none). */
  StateMachine.Label returnAwait;

  /** The {@code stored($tN, () -> ...)} reads of temporaries produced so far (stable values). */
  final Set<String> witnessReads = new java.util.HashSet<>();

  /** Names assigned anywhere in the expression being lowered. */
  Set<String> assignedNames = Set.of();

  /** The try region of each state (index = state number); null outside every lowered try. */
  final List<TryStatements.TryFrame> regionOfState = new ArrayList<>();

  final List<TryStatements.TryFrame> allTries = new ArrayList<>();

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

  private Set<String> localNames;

  /** The names of all locals declared anywhere in the method (each is a coroutine field). */
  Set<String> localNames() {
    if (localNames == null) {
      localNames = new java.util.HashSet<>();
      for (VariableTree v : localTypes.keySet()) {
        localNames.add(v.getName().toString());
      }
    }
    return localNames;
  }

  StateMachine lower() {
    scopes.push(new HashMap<>());
    for (VariableTree p : method.tree.getParameters()) {
      VariableElement pe = null;
      for (VariableElement e : method.element.getParameters()) {
        if (e.getSimpleName().contentEquals(p.getName())) {
          pe = e;
        }
      }
      String f = localFields.declare(p.getName().toString(), pe.asType(), p);
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

  void emit(String line) {
    current.code.append(line).append('\n');
  }

  /**
   * Emits code that evaluates user expressions of {@code source}: when a lambda or a local or
   * anonymous class in it captures a local held in a field, the code is wrapped in a block with a
   * final copy of that local ({@link Captures#snapshot}).
   */
  void emitCapturing(Tree source, String code) {
    emit(captures.snapshot(source, code));
  }

  /**
   * {@code if (!(condition)) { label = to; continue; }}, for the condition rendered from source.
   */
  void jumpUnless(Tree source, String condition, StateMachine.Label to) {
    emitCapturing(
        source,
        "if (!(" + condition + ")) {\n  label = " + StateMachine.ref(to) + ";\n  continue;\n}");
  }

  /** Places the continuation state of an await just emitted (which already set the label). */
  void placeAfterAwait(StateMachine.Label l) {
    awaitLine = currentLine;
    afterAwait = true;
    place(l);
  }

  void place(StateMachine.Label l) {
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

  /**
   * Places the head state of a loop (the target of its back-edge). Code before the loop enters it
   * with {@code label = N; continue;} through the dispatch instead of falling into {@code case N:}:
   * C2 compiles a fall-through edge into a loop's head state about 1 ns per iteration slower
   * (Temurin 25; benchmarks' {@code LoopEntryShapes}, docs/performance.md).
   */
  void placeLoopHead(StateMachine.Label l) {
    if (reachable && !afterAwait && current != null) {
      emit("// into the loop through the switch (C2 compiles this faster than a fall-through)");
      jump(l);
    }
    place(l);
  }

  TryStatements.TryFrame currentRegion() {
    TryStatements.TryFrame f = tries.peek();
    if (f == null) {
      return null;
    }
    return f.inCatch ? f.catchRegion : f;
  }

  void jump(StateMachine.Label l) {
    if (reachable) {
      emit("label = " + StateMachine.ref(l) + ";");
      emit("continue;");
      reachable = false;
    }
  }

  void comment(Tree t) {
    currentLine = text.line(t);
    if (current.line == 0) {
      current.line = currentLine;
    }
    emit("// " + host.fileName() + ":" + text.line(t) + "  " + text.firstLine(t));
  }

  void error(String msg, Tree t) {
    failed = true;
    trees.printMessage(Diagnostic.Kind.ERROR, msg, t, host.unit);
  }

  void lowerBlockStatements(TreePath blockPath) {
    scopes.push(new HashMap<>());
    for (StatementTree s : ((BlockTree) blockPath.getLeaf()).getStatements()) {
      lowerStatement(new TreePath(blockPath, s));
    }
    scopes.pop();
  }

  void lowerStatement(TreePath path) {
    Tree t = path.getLeaf();
    if (!LoweredLocals.needsLowering(t)) {
      if (t.getKind() == Tree.Kind.BLOCK) {
        lowerBlockStatements(path);
        return;
      }
      if (t.getKind() == Tree.Kind.EMPTY_STATEMENT) {
        return;
      }
      if (t.getKind() == Tree.Kind.BREAK || t.getKind() == Tree.Kind.CONTINUE) {
        comment(t);
        breakContinue.loweredJump(t);
        return;
      }
      if (t instanceof ClassTree) {
        captures.hoistLocalClass(path);
        return;
      }
      if (t.getKind() == Tree.Kind.YIELD && !yields.isEmpty()) {
        comment(t);
        switches.lowerYield(path);
        return;
      }
      if (t.getKind() == Tree.Kind.RETURN) {
        comment(t);
        statements.lowerReturn(path);
        return;
      }
      if (t.getKind() == Tree.Kind.LABELED_STATEMENT) {
        LabeledStatementTree ls = (LabeledStatementTree) t;
        if (!breakContinue.containsJumpTo(ls.getStatement(), ls.getLabel().toString())) {
          // A labelled statement whose label only inner statements use: copy it.
          comment(t);
          statements.emitVerbatim(path);
          return;
        }
      }
      if (LoweredLocals.bindingsFlowOut(t)) {
        localFields.declareBindings(path);
      }
      comment(t);
      statements.emitVerbatim(path);
      return;
    }
    localFields.declareBindings(path);
    switch (t.getKind()) {
      case BLOCK:
        lowerBlockStatements(path);
        return;
      case VARIABLE:
        statements.lowerVariable(path);
        return;
      case EXPRESSION_STATEMENT:
        comment(t);
        statements.lowerExpressionStatement(
            new TreePath(path, ((ExpressionStatementTree) t).getExpression()));
        return;
      case RETURN:
        comment(t);
        statements.lowerReturn(path);
        return;
      case YIELD:
        comment(t);
        switches.lowerYield(path);
        return;
      case THROW:
        comment(t);
        {
          String x = expressions.expr(new TreePath(path, ((ThrowTree) t).getExpression()));
          emitCapturing(((ThrowTree) t).getExpression(), "throw " + x + ";");
          reachable = false;
        }
        return;
      case IF:
        statements.lowerIf(path);
        return;
      case WHILE_LOOP:
        loops.lowerWhile(path, null);
        return;
      case DO_WHILE_LOOP:
        loops.lowerDoWhile(path, null);
        return;
      case FOR_LOOP:
        loops.lowerFor(path, null);
        return;
      case ENHANCED_FOR_LOOP:
        loops.lowerForEach(path, null);
        return;
      case LABELED_STATEMENT:
        loops.lowerLabeled(path);
        return;
      case SWITCH:
        switches.lowerSwitch(path, null);
        return;
      case TRY:
        tryStatements.lowerTry(path);
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
}
