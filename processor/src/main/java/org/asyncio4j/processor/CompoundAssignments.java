package org.asyncio4j.processor;

import com.palantir.javapoet.TypeName;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.util.TreePath;
import javax.lang.model.type.TypeMirror;

/**
 * Compound assignments whose right side awaits, with Java's read-before-evaluate semantics (JLS
 * 15.26.2).
 */
final class CompoundAssignments {
  private final Lowering lo;

  CompoundAssignments(Lowering lo) {
    this.lo = lo;
  }

  String compoundAssignment(TreePath path) {
    CompoundAssignmentTree ca = (CompoundAssignmentTree) path.getLeaf();
    ExpressionTree lhs = ca.getVariable();
    TreePath rhs = new TreePath(path, ca.getExpression());
    String op =
        lo.text
            .source
            .subSequence(lo.text.end(lhs), lo.text.start(ca.getExpression()))
            .toString()
            .trim();
    if (lhs instanceof IdentifierTree) {
      String name = ((IdentifierTree) lhs).getName().toString();
      String field = lo.localFields.fieldOf(name);
      if (field != null && !EvaluationOrder.assignedIn(ca.getExpression()).contains(name)) {
        return field + " " + op + " " + lo.expressions.expr(rhs);
      }
      TypeMirror t =
          field != null ? lo.fieldMirrors.get(field) : lo.localFields.hostFieldType(name);
      if (t != null) {
        String target =
            lo.text.render(new TreePath(path, lhs), new Render(lo, new TreePath(path, lhs)));
        String old = lo.expressions.spill(new TreePath(path, lhs), target);
        String binop = op.substring(0, op.length() - 1);
        return target
            + " = ("
            + TypeName.get(t)
            + ") ("
            + old
            + " "
            + binop
            + " ("
            + lo.expressions.expr(rhs)
            + "))";
      }
    }
    lo.error(
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
  void lowerElementCompoundAssignment(TreePath path) {
    CompoundAssignmentTree ca = (CompoundAssignmentTree) path.getLeaf();
    ExpressionTree lhs = ca.getVariable();
    TreePath lhsPath = new TreePath(path, lhs);
    String target;
    if (lhs instanceof ArrayAccessTree) {
      ArrayAccessTree aa = (ArrayAccessTree) lhs;
      TreePath ap = new TreePath(lhsPath, aa.getExpression());
      String arr = lo.expressions.expr(ap);
      if (!lo.evaluationOrder.stable(aa.getExpression(), arr)) {
        arr = lo.expressions.spill(ap, arr);
      }
      TreePath ip = new TreePath(lhsPath, aa.getIndex());
      String idx = lo.expressions.expr(ip);
      if (!lo.evaluationOrder.stable(aa.getIndex(), idx)) {
        idx = lo.expressions.spill(ip, idx);
      }
      target = arr + "[" + idx + "]";
    } else {
      MemberSelectTree ms = (MemberSelectTree) lhs;
      TreePath op = new TreePath(lhsPath, ms.getExpression());
      String obj = lo.expressions.expr(op);
      if (!lo.evaluationOrder.stable(ms.getExpression(), obj)) {
        obj = lo.expressions.spill(op, obj);
      }
      target = obj + "." + ms.getIdentifier();
    }
    String old = lo.expressions.spill(lhsPath, target);
    String op =
        lo.text
            .source
            .subSequence(lo.text.end(lhs), lo.text.start(ca.getExpression()))
            .toString()
            .trim();
    String rhs = lo.expressions.expr(new TreePath(path, ca.getExpression()));
    lo.emit(target + " = " + old + ";");
    lo.emit(target + " " + op + " " + rhs + ";");
  }
}
