package org.asyncio4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import java.util.HashMap;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Lowers {@code while}, {@code do}, {@code for}, for-each over arrays and iterables, and labelled
 * statements that awaiting jumps target.
 */
final class Loops {
  private final Lowering lo;

  Loops(Lowering lo) {
    this.lo = lo;
  }

  void lowerWhile(TreePath path, String userLabel) {
    WhileLoopTree t = (WhileLoopTree) path.getLeaf();
    StateMachine.Label cond = lo.sm.newLabel();
    StateMachine.Label end = lo.sm.newLabel();
    lo.placeLoopHead(cond);
    lo.comment(t);
    String c = lo.expressions.condition(new TreePath(path, t.getCondition()));
    if (!c.equals("true")) {
      lo.jumpUnless(t.getCondition(), c, end);
    }
    lo.jumps.push(new BreakContinue.Jump(userLabel, true, true, end, cond, lo.tries.size()));
    lo.lowerStatement(new TreePath(path, t.getStatement()));
    lo.jumps.pop();
    lo.jump(cond);
    lo.place(end);
  }

  void lowerDoWhile(TreePath path, String userLabel) {
    DoWhileLoopTree t = (DoWhileLoopTree) path.getLeaf();
    StateMachine.Label body = lo.sm.newLabel();
    StateMachine.Label cond = lo.sm.newLabel();
    StateMachine.Label end = lo.sm.newLabel();
    lo.placeLoopHead(body);
    lo.jumps.push(new BreakContinue.Jump(userLabel, true, true, end, cond, lo.tries.size()));
    lo.lowerStatement(new TreePath(path, t.getStatement()));
    lo.jumps.pop();
    lo.placeLoopHead(cond);
    lo.comment(t.getCondition());
    String c = lo.expressions.condition(new TreePath(path, t.getCondition()));
    lo.emitCapturing(
        t.getCondition(),
        "if (" + c + ") {\n  label = " + StateMachine.ref(body) + ";\n  continue;\n}");
    lo.place(end);
  }

  void lowerFor(TreePath path, String userLabel) {
    ForLoopTree t = (ForLoopTree) path.getLeaf();
    lo.scopes.push(new HashMap<>());
    for (StatementTree s : t.getInitializer()) {
      if (s instanceof ExpressionStatementTree) {
        // 'for (k = 0; ...)': the statement's source text has no ';' of its own.
        TreePath sp = new TreePath(path, s);
        lo.comment(s);
        lo.statements.lowerExpressionStatement(
            new TreePath(sp, ((ExpressionStatementTree) s).getExpression()));
      } else {
        lo.lowerStatement(new TreePath(path, s));
      }
    }
    StateMachine.Label cond = lo.sm.newLabel();
    StateMachine.Label update = lo.sm.newLabel();
    StateMachine.Label end = lo.sm.newLabel();
    lo.placeLoopHead(cond);
    lo.comment(t);
    if (t.getCondition() != null) {
      String c = lo.expressions.condition(new TreePath(path, t.getCondition()));
      lo.jumpUnless(t.getCondition(), c, end);
    }
    lo.jumps.push(new BreakContinue.Jump(userLabel, true, true, end, update, lo.tries.size()));
    lo.lowerStatement(new TreePath(path, t.getStatement()));
    lo.jumps.pop();
    lo.place(update);
    for (ExpressionStatementTree u : t.getUpdate()) {
      TreePath up = new TreePath(new TreePath(path, u), u.getExpression());
      lo.statements.lowerExpressionStatement(up);
    }
    lo.jump(cond);
    lo.place(end);
    lo.scopes.pop();
  }

  void lowerForEach(TreePath path, String userLabel) {
    EnhancedForLoopTree t = (EnhancedForLoopTree) path.getLeaf();
    lo.scopes.push(new HashMap<>());
    lo.comment(t);
    TreePath exprPath = new TreePath(path, t.getExpression());
    lo.assignedNames = EvaluationOrder.assignedIn(t.getExpression());
    if (Awaits.isEach(t.getExpression())) {
      lo.asyncIteration.lowerAsyncFor(path, userLabel);
      lo.scopes.pop();
      return;
    }
    String iterable = lo.expressions.expr(exprPath);
    VariableTree v = t.getVariable();
    TypeMirror vt = lo.localFields.localType(new TreePath(path, v));
    TypeMirror arrayType = lo.staticTypes.typeOf(exprPath);
    if (arrayType != null
        && arrayType.getKind() == TypeKind.ARRAY
        && lo.staticTypes.denotable(arrayType)) {
      lowerForEachOverArray(path, userLabel, iterable, arrayType, vt);
      return;
    }
    TypeName elem = vt.getKind().isPrimitive() ? TypeName.get(vt).box() : TypeName.get(vt);
    String it = "$it" + lo.iterators++;
    lo.sm.fields.put(
        it,
        ParameterizedTypeName.get(
            ClassName.get("java.util", "Iterator"), WildcardTypeName.subtypeOf(elem)));
    lo.emitCapturing(t.getExpression(), it + " = loopIterator(" + iterable + ");");
    String var = lo.localFields.declare(v.getName().toString(), vt, v);
    StateMachine.Label cond = lo.sm.newLabel();
    StateMachine.Label end = lo.sm.newLabel();
    lo.placeLoopHead(cond);
    lo.emit("if (!" + it + ".hasNext()) {");
    lo.emit("  label = " + StateMachine.ref(end) + ";");
    lo.emit("  continue;");
    lo.emit("}");
    lo.emit(var + " = " + it + ".next();");
    lo.jumps.push(new BreakContinue.Jump(userLabel, true, true, end, cond, lo.tries.size()));
    lo.lowerStatement(new TreePath(path, t.getStatement()));
    lo.jumps.pop();
    lo.jump(cond);
    lo.place(end);
    lo.scopes.pop();
  }

  /**
   * An enhanced {@code for} over an array whose type is known, as JLS 14.14.2 defines it: the array
   * is evaluated once, {@code length} read at each iteration (a null array throws there, before the
   * first element) and each element read when its iteration starts, so writes to later elements
   * are seen; primitive elements are not boxed.
   */
  private void lowerForEachOverArray(
      TreePath path, String userLabel, String array, TypeMirror arrayType, TypeMirror vt) {
    EnhancedForLoopTree t = (EnhancedForLoopTree) path.getLeaf();
    VariableTree v = t.getVariable();
    int n = lo.iterators++;
    String arr = "$arr" + n;
    String idx = "$idx" + n;
    lo.sm.fields.put(arr, TypeName.get(arrayType));
    lo.sm.fields.put(idx, TypeName.INT);
    lo.emitCapturing(t.getExpression(), arr + " = " + array + ";");
    lo.emit(idx + " = 0;");
    String var = lo.localFields.declare(v.getName().toString(), vt, v);
    StateMachine.Label cond = lo.sm.newLabel();
    StateMachine.Label end = lo.sm.newLabel();
    lo.placeLoopHead(cond);
    lo.emit("if (" + idx + " >= " + arr + ".length) {");
    lo.emit("  label = " + StateMachine.ref(end) + ";");
    lo.emit("  continue;");
    lo.emit("}");
    lo.emit(var + " = " + arr + "[" + idx + "++];");
    lo.jumps.push(new BreakContinue.Jump(userLabel, true, true, end, cond, lo.tries.size()));
    lo.lowerStatement(new TreePath(path, t.getStatement()));
    lo.jumps.pop();
    lo.jump(cond);
    lo.place(end);
    lo.scopes.pop();
  }

  void lowerLabeled(TreePath path) {
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
        lo.switches.lowerSwitch(inner, l);
        return;
      default:
        StateMachine.Label end = lo.sm.newLabel();
        lo.jumps.push(new BreakContinue.Jump(l, false, false, end, null, lo.tries.size()));
        lo.lowerStatement(inner);
        lo.jumps.pop();
        lo.place(end);
    }
  }
}
