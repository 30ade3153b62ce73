package org.asyncio4j.processor;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.WhileLoopTree;
import java.util.List;

/**
 * Whether a statement copied verbatim can complete normally (JLS 14.22, the parts that matter
 * here).
 */
final class Reachability {
  private Reachability() {}

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

  static boolean isTrue(ExpressionTree c) {
    while (c instanceof ParenthesizedTree) {
      c = ((ParenthesizedTree) c).getExpression();
    }
    return c instanceof LiteralTree && Boolean.TRUE.equals(((LiteralTree) c).getValue());
  }

  /** Whether {@code s} contains a break that leaves it (unlabelled, or to {@code label}). */
  static boolean hasBreak(StatementTree s, String label) {
    boolean[] found = {false};
    new OwnCode.Scanner<Void, Integer>() {
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
}
