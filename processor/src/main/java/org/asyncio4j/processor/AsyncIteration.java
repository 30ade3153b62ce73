package org.asyncio4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import java.util.List;
import javax.lang.model.type.TypeMirror;

/**
 * Python's async iteration: {@code for (T x : Await.each(it))} and an async generator's {@code
 * Yield.of(v)}.
 */
final class AsyncIteration {
  private final Lowering lo;

  AsyncIteration(Lowering lo) {
    this.lo = lo;
  }

  /**
   * {@code for (T x : Await.each(items))}: Python's {@code async for}. Each element is announced by
   * an awaited {@code hasNext()}; leaving the loop early (break, return, an exception, a jump to an
   * outer loop) awaits {@code closeAsync()} first, so an async generator's finally blocks run
   * before control leaves the loop.
   */
  void lowerAsyncFor(TreePath path, String userLabel) {
    EnhancedForLoopTree t = (EnhancedForLoopTree) path.getLeaf();
    MethodInvocationTree each = (MethodInvocationTree) t.getExpression();
    TreePath itemsPath = new TreePath(new TreePath(path, each), each.getArguments().get(0));
    String items = lo.expressions.expr(itemsPath);
    VariableTree v = t.getVariable();
    TypeMirror vt = lo.localFields.localType(new TreePath(path, v));
    TypeName elem = vt.getKind().isPrimitive() ? TypeName.get(vt).box() : TypeName.get(vt);
    String it = "$ait" + lo.iterators++;
    lo.sm.fields.put(
        it,
        ParameterizedTypeName.get(
            ClassName.get("org.asyncio4j", "AsyncIterator"), WildcardTypeName.subtypeOf(elem)));
    lo.emitCapturing(itemsPath.getLeaf(), it + " = " + items + ".asyncIterator();");
    String var = lo.localFields.declare(v.getName().toString(), vt, v);
    int depth = lo.tries.size();
    StateMachine.Label end = lo.sm.newLabel();
    lo.tryStatements.lowerTryParts(
        () -> {
          StateMachine.Label cond = lo.sm.newLabel();
          StateMachine.Label announced = lo.sm.newLabel();
          StateMachine.Label exhausted = lo.sm.newLabel();
          lo.placeLoopHead(cond);
          lo.emit("if (!await(" + it + ".hasNext(), " + StateMachine.ref(announced) + ")) return;");
          lo.placeAfterAwait(announced);
          lo.emit("if (!(Boolean) awaitResult()) {");
          lo.emit("  label = " + StateMachine.ref(exhausted) + ";");
          lo.emit("  continue;");
          lo.emit("}");
          lo.emit(var + " = " + it + ".next();");
          lo.jumps.push(new BreakContinue.Jump(userLabel, true, true, end, cond, depth));
          lo.lowerStatement(new TreePath(path, t.getStatement()));
          lo.jumps.pop();
          lo.jump(cond);
          lo.place(exhausted);
        },
        List.of(),
        frame -> {
          StateMachine.Label closed = lo.sm.newLabel();
          StateMachine.Label after = lo.sm.newLabel();
          lo.emit("if (" + frame.kind() + " == 0) {");
          lo.emit("  label = " + StateMachine.ref(after) + ";");
          lo.emit("  continue;");
          lo.emit("}");
          lo.emit("// the loop is left early: close the iterator (Python's aclose())");
          lo.emit("if (!await(" + it + ".closeAsync(), " + StateMachine.ref(closed) + ")) return;");
          lo.placeAfterAwait(closed);
          lo.emit("awaitResult();");
          lo.place(after);
        });
    lo.place(end);
  }

  /**
   * {@code Yield.of(v);} in an async generator: hands {@code v} to the consumer and suspends until
   * it asks for the next element.
   */
  void lowerGeneratorYield(TreePath path) {
    MethodInvocationTree e = (MethodInvocationTree) path.getLeaf();
    String v = lo.expressions.expr(new TreePath(path, e.getArguments().get(0)));
    StateMachine.Label next = lo.sm.newLabel();
    lo.emitCapturing(e, "yieldValue(" + v + ");");
    lo.emit("label = " + StateMachine.ref(next) + ";");
    lo.emit("return;");
    lo.placeAfterAwait(next);
    lo.emit("afterYield();");
  }
}
