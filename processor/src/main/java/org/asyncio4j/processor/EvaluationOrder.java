package org.asyncio4j.processor;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Java's left-to-right evaluation order of an expression's operands, and which operands can be
 * re-read after an await without a temporary.
 */
final class EvaluationOrder {
  private final Lowering lo;

  EvaluationOrder(Lowering lo) {
    this.lo = lo;
  }

  /** The sub-expressions of {@code e} in Java's evaluation order. */
  List<Tree> evaluationOrder(ExpressionTree e) {
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
          lo.error(
              Diagnostics.unsupportedAwaitPosition(
                  "this kind of expression ("
                      + e.getKind().toString().toLowerCase().replace('_', ' ')
                      + ")"),
              e);
        }
    }
    return out;
  }

  void addTargetParts(ExpressionTree target, List<Tree> out) {
    if (target instanceof ArrayAccessTree) {
      out.add(((ArrayAccessTree) target).getExpression());
      out.add(((ArrayAccessTree) target).getIndex());
    } else if (target instanceof MemberSelectTree
        && !isTypeOrPackage(((MemberSelectTree) target).getExpression())) {
      out.add(((MemberSelectTree) target).getExpression());
    }
  }

  /** Whether a name denotes a type or package (not a local or a field) — it evaluates nothing. */
  boolean isTypeOrPackage(ExpressionTree e) {
    if (e instanceof IdentifierTree) {
      String n = ((IdentifierTree) e).getName().toString();
      if (n.equals("this") || n.equals("super") || lo.localFields.fieldOf(n) != null) {
        return false;
      }
      return !isVisibleField(n);
    }
    if (e instanceof MemberSelectTree) {
      return isTypeOrPackage(((MemberSelectTree) e).getExpression())
              && !Character.isLowerCase(((MemberSelectTree) e).getIdentifier().charAt(0))
          || isTypeOrPackage(((MemberSelectTree) e).getExpression())
              && lo.discovery.resolveQualified(e.toString(), lo.host.unit, lo.host.type) != null;
    }
    return false;
  }

  boolean isVisibleField(String name) {
    for (Element t = lo.host.type; t instanceof TypeElement; t = t.getEnclosingElement()) {
      for (Element m : lo.elements.getAllMembers((TypeElement) t)) {
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
  boolean stable(Tree t, String loweredText) {
    if (loweredText.matches("\\$[bt]\\d+") || lo.witnessReads.contains(loweredText)) {
      // A temporary of this statement: assigned once per evaluation, before the later awaits.
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
          if (lo.localFields.fieldOf(n) != null) {
            return !lo.assignedNames.contains(n);
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
}
