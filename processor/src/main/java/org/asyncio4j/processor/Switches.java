package org.asyncio4j.processor;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Lowers switch statements and switch expressions whose arms await, with their {@code yield}s. */
final class Switches {
  private final Lowering lo;

  Switches(Lowering lo) {
    this.lo = lo;
  }

  /** A lowered switch expression: what to do with a yielded value, and where to continue. */
  static final class YieldTarget {
    final java.util.function.Function<String, String> sink;
    final StateMachine.Label end;
    final int tryDepth;

    YieldTarget(
        java.util.function.Function<String, String> sink, StateMachine.Label end, int tryDepth) {
      this.sink = sink;
      this.end = end;
      this.tryDepth = tryDepth;
    }

    /** The end of the switch expression as the target of a jump from a yield. */
    BreakContinue.Jump jump() {
      return new BreakContinue.Jump(null, false, false, end, null, tryDepth);
    }
  }

  void lowerSwitch(TreePath path, String userLabel) {
    SwitchTree t = (SwitchTree) path.getLeaf();
    lo.comment(t);
    String sel = lo.expressions.condition(new TreePath(path, t.getExpression()));
    boolean arrows =
        !t.getCases().isEmpty() && t.getCases().get(0).getCaseKind() == CaseTree.CaseKind.RULE;
    List<StateMachine.Label> bodies = new ArrayList<>();
    StateMachine.Label end = lo.sm.newLabel();
    StringBuilder dispatch = new StringBuilder("switch (" + sel + ") {\n");
    boolean hasDefault = false;
    List<Map<String, String>> caseScopes = new ArrayList<>();
    for (CaseTree c : t.getCases()) {
      StateMachine.Label l = lo.sm.newLabel();
      bodies.add(l);
      // An enhanced switch (patterns, case null) is exhaustive: javac checked the original.
      hasDefault |= c.getExpressions().isEmpty() || CaseLabels.isEnhanced(c, lo.text);
      caseScopes.add(appendCase(dispatch, new TreePath(path, c), l));
    }
    dispatch.append("}");
    lo.emitCapturing(t.getExpression(), dispatch.toString());
    if (!hasDefault) {
      lo.emit("label = " + StateMachine.ref(end) + ";");
      lo.emit("continue;");
    }
    lo.reachable = false;
    lo.jumps.push(new BreakContinue.Jump(userLabel, false, true, end, null, lo.tries.size()));
    lo.scopes.push(new HashMap<>());
    for (int i = 0; i < t.getCases().size(); i++) {
      CaseTree c = t.getCases().get(i);
      TreePath cp = new TreePath(path, c);
      lo.place(bodies.get(i));
      lo.scopes.push(caseScopes.get(i));
      if (c.getStatements() != null) {
        for (StatementTree s : c.getStatements()) {
          lo.lowerStatement(new TreePath(cp, s));
        }
      } else if (c.getBody() != null) {
        Tree body = c.getBody();
        if (body instanceof StatementTree) {
          lo.lowerStatement(new TreePath(cp, body));
        } else {
          lo.comment(body);
          lo.assignedNames = EvaluationOrder.assignedIn(body);
          lo.emitCapturing(body, lo.expressions.expr(new TreePath(cp, body)) + ";");
        }
      }
      lo.scopes.pop();
      if (arrows) {
        lo.jump(end);
      }
    }
    lo.scopes.pop();
    lo.jumps.pop();
    lo.place(end);
  }

  /**
   * Appends one case to the dispatch switch: its labels, then the jump to its body state. A pattern
   * label is copied as written and its bindings are stored in fields of their own names there;
   * returns the scope of those bindings, for the case's body.
   */
  private Map<String, String> appendCase(
      StringBuilder dispatch, TreePath cp, StateMachine.Label l) {
    CaseTree c = (CaseTree) cp.getLeaf();
    Map<String, String> scope = new HashMap<>();
    if (CaseLabels.isEnhanced(c, lo.text)) {
      Tree guardAwait = CaseLabels.awaitInGuard(cp);
      if (guardAwait != null) {
        lo.error(Diagnostics.unsupportedAwaitPosition("a case guard ('when ...')"), guardAwait);
      }
      com.sun.source.tree.IdentifierTree foreign =
          CaseLabels.foreignName(cp, lo.localFields::fieldOf);
      if (foreign != null) {
        String n = foreign.getName().toString();
        String what =
            n.equals("this") || n.equals("super")
                ? "'" + n + "' (the coroutine there)"
                : "the local '" + n + "' (held in the field " + lo.localFields.fieldOf(n) + ")";
        lo.error(Diagnostics.caseLabelNotCopied(what), foreign);
      }
      dispatch.append("  ").append(CaseLabels.header(c, lo.text)).append(":\n");
      lo.scopes.push(scope);
      for (TreePath b : CaseLabels.bindings(cp)) {
        VariableTree v = (VariableTree) b.getLeaf();
        String f = lo.localFields.declare(v.getName().toString(), lo.localFields.localType(b), v);
        dispatch.append("    this.").append(f).append(" = ").append(v.getName()).append(";\n");
      }
      lo.scopes.pop();
    } else if (c.getExpressions().isEmpty()) {
      dispatch.append("  default:\n");
    } else {
      for (ExpressionTree e : c.getExpressions()) {
        dispatch.append("  case ").append(lo.text.raw(e)).append(":\n");
      }
    }
    dispatch.append("    label = ").append(StateMachine.ref(l)).append(";\n");
    dispatch.append("    continue;\n");
    return scope;
  }

  void lowerYield(TreePath path) {
    YieldTarget y = lo.yields.peek();
    com.sun.source.tree.YieldTree yt = (com.sun.source.tree.YieldTree) path.getLeaf();
    lo.assignedNames = EvaluationOrder.assignedIn(yt.getValue());
    String v = lo.expressions.expr(new TreePath(path, yt.getValue()));
    emitSink(yt.getValue(), y.sink.apply(v));
    if (lo.reachable) {
      // Through the finally blocks between the yield and the switch expression, like a break.
      for (String line : lo.breakContinue.jumpCode(y.end, y.jump(), false).split("; ")) {
        lo.emit(line.endsWith(";") ? line : line + ";");
      }
      lo.reachable = false;
    }
  }

  /** Emits a switch expression's sink for a value rendered from {@code source}. */
  void emitSink(Tree source, String code) {
    lo.emitCapturing(source, code);
    if (code.endsWith("return;")) {
      lo.reachable = false;
    }
  }

  /**
   * The result expressions of the switch expression at {@code path}: arrow arms' expressions and
   * the values of its own {@code yield}s (not those of nested switch expressions, lambdas or
   * classes); empty when it has none (every arm throws).
   */
  static List<TreePath> resultExpressions(TreePath path) {
    List<TreePath> out = new ArrayList<>();
    com.sun.source.tree.SwitchExpressionTree t =
        (com.sun.source.tree.SwitchExpressionTree) path.getLeaf();
    for (CaseTree c : t.getCases()) {
      TreePath cp = new TreePath(path, c);
      if (c.getBody() instanceof ExpressionTree) {
        out.add(new TreePath(cp, c.getBody()));
        continue;
      }
      new OwnCode.PathScanner<Void, Void>() {
        @Override
        public Void visitYield(com.sun.source.tree.YieldTree node, Void p) {
          out.add(new TreePath(getCurrentPath(), node.getValue()));
          return null;
        }

        @Override
        public Void visitSwitchExpression(com.sun.source.tree.SwitchExpressionTree node, Void p) {
          return null;
        }
      }.scan(cp, null);
    }
    return out;
  }

  /** Whether {@code e} is a switch expression whose arms await (lowered into its target). */
  static boolean isAwaitingSwitch(ExpressionTree e) {
    return e != null && e.getKind() == Tree.Kind.SWITCH_EXPRESSION && Awaits.contains(e);
  }

  /**
   * Lowers a switch expression whose arms await: each arm's value goes to {@code sink} (an
   * assignment to the target local, or the coroutine's completion), then to the end.
   */
  void lowerSwitchExpression(TreePath path, java.util.function.Function<String, String> sink) {
    com.sun.source.tree.SwitchExpressionTree t =
        (com.sun.source.tree.SwitchExpressionTree) path.getLeaf();
    String sel = lo.expressions.condition(new TreePath(path, t.getExpression()));
    boolean arrows =
        !t.getCases().isEmpty() && t.getCases().get(0).getCaseKind() == CaseTree.CaseKind.RULE;
    StateMachine.Label end = lo.sm.newLabel();
    List<StateMachine.Label> bodies = new ArrayList<>();
    StringBuilder dispatch = new StringBuilder("switch (" + sel + ") {\n");
    boolean hasDefault = false;
    List<Map<String, String>> caseScopes = new ArrayList<>();
    for (CaseTree c : t.getCases()) {
      StateMachine.Label l = lo.sm.newLabel();
      bodies.add(l);
      hasDefault |= c.getExpressions().isEmpty() || CaseLabels.isEnhanced(c, lo.text);
      caseScopes.add(appendCase(dispatch, new TreePath(path, c), l));
    }
    dispatch.append("}");
    lo.emitCapturing(t.getExpression(), dispatch.toString());
    if (!hasDefault) {
      // An exhaustive enum switch without default: javac's own rule would throw here.
      lo.emit(
          "throw new IncompatibleClassChangeError(\"no case of the switch expression matched\");");
    }
    lo.reachable = false;
    lo.yields.push(new YieldTarget(sink, end, lo.tries.size()));
    lo.scopes.push(new HashMap<>());
    for (int i = 0; i < t.getCases().size(); i++) {
      CaseTree c = t.getCases().get(i);
      TreePath cp = new TreePath(path, c);
      lo.place(bodies.get(i));
      lo.scopes.push(caseScopes.get(i));
      if (c.getStatements() != null && !arrows) {
        for (StatementTree st : c.getStatements()) {
          lo.lowerStatement(new TreePath(cp, st));
        }
      } else if (c.getBody() instanceof ExpressionTree) {
        lo.comment(c.getBody());
        lo.assignedNames = EvaluationOrder.assignedIn(c.getBody());
        emitSink(c.getBody(), sink.apply(lo.expressions.expr(new TreePath(cp, c.getBody()))));
        lo.jump(end);
      } else if (c.getBody() != null) {
        lo.lowerStatement(new TreePath(cp, c.getBody()));
      }
      lo.scopes.pop();
    }
    lo.scopes.pop();
    lo.yields.pop();
    lo.place(end);
  }
}
