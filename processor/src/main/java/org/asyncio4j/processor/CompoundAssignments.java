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
    // A field of another class or an enclosing class, a static import: typed by Java itself.
    return elementCompoundAssignment(path, true);
  }

  /**
   * {@code a[i] op= <await>} or {@code o.f op= <await>} as a statement (JLS 15.26.2): the array and
   * index (or object) are evaluated and the old value saved before the right side; after it, the
   * saved value is written back and the compound assignment applied to it.
   */
  void lowerElementCompoundAssignment(TreePath path) {
    lo.emit(lo.captures.snapshot(path.getLeaf(), elementCompoundAssignment(path, false) + ";"));
  }

  /**
   * {@code a[i] op= x}, {@code o.f op= x} or {@code f op= x} (a variable whose type is not known
   * here) with an await in the array, the index, the object or the
   * right side, in Java's order (JLS 15.26.2): the array and index (or object) are evaluated first
   * (spilled when a later await could change them); when the right side awaits, the old value is
   * read (which throws NullPointerException or ArrayIndexOutOfBoundsException there, before the
   * right side, as in Java) and saved, and written back after the right side, so that the returned
   * {@code target op= rhs} combines the saved value with the right side and stores the result
   * (ArrayStoreException at that moment, as in Java). Inside a larger expression ({@code nested})
   * the right side is itself evaluated into a temporary before the write-back, so that nothing
   * between the write-back and the returned assignment can change the element.
   */
  private String elementCompoundAssignment(TreePath path, boolean nested) {
    CompoundAssignmentTree ca = (CompoundAssignmentTree) path.getLeaf();
    ExpressionTree lhs = ca.getVariable();
    TreePath lhsPath = new TreePath(path, lhs);
    boolean rhsAwaits = Awaits.contains(ca.getExpression());
    String target;
    if (lhs instanceof ArrayAccessTree) {
      ArrayAccessTree aa = (ArrayAccessTree) lhs;
      boolean later = Awaits.contains(aa.getIndex()) || rhsAwaits;
      TreePath ap = new TreePath(lhsPath, aa.getExpression());
      String arr = lo.expressions.expr(ap);
      if (later && !lo.evaluationOrder.stable(aa.getExpression(), arr)) {
        arr = lo.expressions.spill(ap, arr);
      }
      TreePath ip = new TreePath(lhsPath, aa.getIndex());
      String idx = lo.expressions.expr(ip);
      if (rhsAwaits && !lo.evaluationOrder.stable(aa.getIndex(), idx)) {
        idx = lo.expressions.spill(ip, idx);
      }
      target = arr + "[" + idx + "]";
    } else if (lhs instanceof IdentifierTree) {
      target = lo.text.render(lhsPath, new Render(lo, lhsPath));
    } else {
      MemberSelectTree ms = (MemberSelectTree) lhs;
      TreePath op = new TreePath(lhsPath, ms.getExpression());
      String obj = lo.expressions.expr(op);
      if (rhsAwaits && !lo.evaluationOrder.stable(ms.getExpression(), obj)) {
        obj = lo.expressions.spill(op, obj);
      }
      target = obj + "." + ms.getIdentifier();
    }
    String op =
        lo.text
            .source
            .subSequence(lo.text.end(lhs), lo.text.start(ca.getExpression()))
            .toString()
            .trim();
    if (!rhsAwaits) {
      // The await was in the array, index or object: the rest is evaluated in place, in order.
      return target + " " + op + " " + lo.expressions.expr(new TreePath(path, ca.getExpression()));
    }
    String old = lo.expressions.spill(lhsPath, target);
    TreePath rhsPath = new TreePath(path, ca.getExpression());
    String rhs = lo.expressions.expr(rhsPath);
    if (nested && !lo.evaluationOrder.stable(ca.getExpression(), rhs)) {
      rhs = lo.expressions.spill(rhsPath, rhs);
    }
    lo.emit(target + " = " + old + ";");
    return target + " " + op + " " + rhs;
  }
}
