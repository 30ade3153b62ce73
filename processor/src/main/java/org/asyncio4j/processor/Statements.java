package org.asyncio4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Lowers the simple statements: local declarations, expression statements, {@code return}, {@code
 * if}, and statements copied verbatim.
 */
final class Statements {
  private final Lowering lo;

  Statements(Lowering lo) {
    this.lo = lo;
  }

  void emitVerbatim(TreePath path) {
    String code = lo.text.render(path, new Render(lo, path));
    lo.emit(
        lo.captures.snapshot(
            path.getLeaf(), Captures.dedent(code, lo.text.column(path.getLeaf()))));
    if (!Reachability.canCompleteNormally((StatementTree) path.getLeaf())) {
      lo.reachable = false;
    }
  }

  void lowerVariable(TreePath path) {
    VariableTree v = (VariableTree) path.getLeaf();
    TypeMirror type = lo.localFields.localType(path);
    String field = lo.localFields.declare(v.getName().toString(), type, v);
    if (v.getInitializer() == null) {
      return;
    }
    lo.comment(v);
    ExpressionTree init = v.getInitializer();
    TreePath initPath = new TreePath(path, init);
    if (init instanceof NewArrayTree && ((NewArrayTree) init).getType() == null) {
      lo.assignedNames = EvaluationOrder.assignedIn(init);
      String arr = lo.expressions.expr(initPath);
      lo.emit(
          lo.captures.snapshot(
              init, field + " = new " + lo.sm.fields.get(field) + " " + arr + ";"));
      return;
    }
    if (Switches.isAwaitingSwitch(init)) {
      lo.switches.lowerSwitchExpression(initPath, value -> field + " = " + value + ";");
      return;
    }
    lo.assignedNames = EvaluationOrder.assignedIn(init);
    boolean plain =
        Awaits.isAwait(init) && type.getKind() != TypeKind.TYPEVAR && !type.getKind().isPrimitive();
    String value = plain ? awaitPlain(initPath) : lo.expressions.expr(initPath);
    lo.emit(lo.captures.snapshot(init, field + " = " + value + ";"));
  }

  void lowerExpressionStatement(TreePath path) {
    ExpressionTree e = (ExpressionTree) path.getLeaf();
    lo.assignedNames = EvaluationOrder.assignedIn(e);
    if (Awaits.isAwait(e)) {
      lo.emit(awaitPlain(path) + ";");
      return;
    }
    if (e instanceof CompoundAssignmentTree
        && Awaits.contains(e)
        && (((CompoundAssignmentTree) e).getVariable() instanceof ArrayAccessTree
            || ((CompoundAssignmentTree) e).getVariable() instanceof MemberSelectTree)) {
      lo.compoundAssignments.lowerElementCompoundAssignment(path);
      return;
    }
    if (Awaits.isYield(e)) {
      lo.asyncIteration.lowerGeneratorYield(path);
      return;
    }
    if (e instanceof AssignmentTree
        && ((AssignmentTree) e).getVariable() instanceof IdentifierTree
        && Switches.isAwaitingSwitch(((AssignmentTree) e).getExpression())
        && lo.localFields.fieldOf(
                ((IdentifierTree) ((AssignmentTree) e).getVariable()).getName().toString())
            != null) {
      String field =
          lo.localFields.fieldOf(
              ((IdentifierTree) ((AssignmentTree) e).getVariable()).getName().toString());
      lo.switches.lowerSwitchExpression(
          new TreePath(path, ((AssignmentTree) e).getExpression()), v -> field + " = " + v + ";");
      return;
    }
    if (e instanceof AssignmentTree
        && ((AssignmentTree) e).getVariable() instanceof IdentifierTree
        && Awaits.isAwait(((AssignmentTree) e).getExpression())) {
      String name = ((IdentifierTree) ((AssignmentTree) e).getVariable()).getName().toString();
      String field = lo.localFields.fieldOf(name);
      TypeMirror ft = field == null ? null : lo.fieldMirrors.get(field);
      if (ft != null && !ft.getKind().isPrimitive() && ft.getKind() != TypeKind.TYPEVAR) {
        String v = awaitPlain(new TreePath(path, ((AssignmentTree) e).getExpression()));
        lo.emit(field + " = " + v + ";");
        return;
      }
    }
    lo.emit(lo.captures.snapshot(e, lo.expressions.expr(path) + ";"));
  }

  /**
   * Lowers {@code Await.of(x)} whose value needs no type witness; returns {@code
   * readyResult($ready)}.
   */
  String awaitPlain(TreePath awaitPath) {
    MethodInvocationTree call = (MethodInvocationTree) awaitPath.getLeaf();
    String x = lo.expressions.expr(new TreePath(awaitPath, call.getArguments().get(0)));
    lo.currentLine = lo.text.line(call);
    StateMachine.Label next = lo.sm.newLabel();
    lo.emitCapturing(call.getArguments().get(0), StateMachine.awaitReady(x, next));
    lo.placeAfterAwait(next);
    if (call.getArguments().size() > 1) {
      TreePath cls = new TreePath(awaitPath, call.getArguments().get(1));
      return StateMachine.readyResult(lo.text.render(cls, new Render(lo, cls)));
    }
    return StateMachine.readyResult(null);
  }

  void lowerReturn(TreePath path) {
    ReturnTree r = (ReturnTree) path.getLeaf();
    ExpressionTree e = r.getExpression();
    if (e == null) {
      lo.error(Diagnostics.returnWithoutCoroutine(), r);
      return;
    }
    TreePath ep = new TreePath(path, e);
    lo.assignedNames = EvaluationOrder.assignedIn(e);
    String value;
    if (isCoroutineOf(e)
        && Switches.isAwaitingSwitch(((MethodInvocationTree) e).getArguments().get(0))
        && lo.tryStatements.innermostFinally(0) == null
        && !TryStatements.containsTry(((MethodInvocationTree) e).getArguments().get(0))) {
      // Completing from the arm is only right when no finally inside the switch must run first.
      lo.switches.lowerSwitchExpression(
          new TreePath(ep, ((MethodInvocationTree) e).getArguments().get(0)),
          v -> "complete(" + v + ");\nreturn;");
      return;
    }
    if (isCoroutineOf(e)) {
      value =
          lo.expressions.expr(new TreePath(ep, ((MethodInvocationTree) e).getArguments().get(0)));
    } else if (isCoroutineDone(e)) {
      value = "null";
    } else {
      String x = lo.expressions.expr(ep);
      StateMachine.Label next = lo.sm.newLabel();
      lo.emitCapturing(e, StateMachine.awaitReady(x, next));
      lo.placeAfterAwait(next);
      value = StateMachine.readyResult(null);
    }
    completeWith(value);
  }

  /** Completes with {@code value}, or routes the return through pending finally blocks. */
  void completeWith(String value) {
    TryStatements.TryFrame f = lo.tryStatements.innermostFinally(0);
    if (f == null) {
      lo.emit("complete(" + value + ");");
      lo.emit("return;");
    } else {
      lo.sm.fields.putIfAbsent("$result", resultType());
      lo.emit("$result = " + value + ";");
      lo.emit(f.kind() + " = 2;");
      f.pendingReturn = true;
      lo.emit("label = " + StateMachine.ref(f.finallyLabel) + ";");
      lo.emit("continue;");
    }
    lo.reachable = false;
  }

  TypeName resultType() {
    TypeName ret = TypeName.get(lo.method.element.getReturnType());
    if (ret instanceof ParameterizedTypeName) {
      return ((ParameterizedTypeName) ret).typeArguments().get(0);
    }
    return ClassName.OBJECT;
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

  static boolean isCoroutineCall(ExpressionTree e, String name, int args) {
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

  void lowerIf(TreePath path) {
    IfTree t = (IfTree) path.getLeaf();
    lo.comment(t);
    String c = lo.expressions.condition(new TreePath(path, t.getCondition()));
    boolean thenLowered =
        LoweredLocals.needsLowering(t.getThenStatement())
            || t.getThenStatement().getKind() == Tree.Kind.BLOCK
                && LoweredLocals.blockNeedsLowering((BlockTree) t.getThenStatement());
    boolean elseLowered =
        t.getElseStatement() != null
            && (LoweredLocals.needsLowering(t.getElseStatement())
                || t.getElseStatement().getKind() == Tree.Kind.BLOCK
                    && LoweredLocals.blockNeedsLowering((BlockTree) t.getElseStatement()));
    StateMachine.Label elseL = lo.sm.newLabel();
    StateMachine.Label end = lo.sm.newLabel();
    if (!thenLowered && !elseLowered) {
      String then =
          lo.text.render(
              new TreePath(path, t.getThenStatement()),
              new Render(lo, new TreePath(path, t.getThenStatement())));
      String code = "if (" + c + ") " + then;
      if (t.getElseStatement() != null) {
        TreePath ep = new TreePath(path, t.getElseStatement());
        code += " else " + lo.text.render(ep, new Render(lo, ep));
      }
      List<Tree> branches = new ArrayList<>();
      branches.add(t.getThenStatement());
      if (t.getElseStatement() != null) {
        branches.add(t.getElseStatement());
      }
      lo.emit(lo.captures.snapshot(branches, code));
      if (t.getElseStatement() != null
          && !Reachability.canCompleteNormally(t.getThenStatement())
          && !Reachability.canCompleteNormally(t.getElseStatement())) {
        lo.reachable = false;
      }
      return;
    }
    lo.jumpUnless(t.getCondition(), c, t.getElseStatement() != null ? elseL : end);
    lo.lowerStatement(new TreePath(path, t.getThenStatement()));
    if (t.getElseStatement() != null) {
      lo.jump(end);
      lo.place(elseL);
      lo.lowerStatement(new TreePath(path, t.getElseStatement()));
    }
    lo.place(end);
  }
}
