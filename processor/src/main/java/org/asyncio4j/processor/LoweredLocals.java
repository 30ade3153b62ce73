package org.asyncio4j.processor;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.List;

/**
 * Pre-pass: which local declarations of an {@code @Async} body become fields (those of lowered
 * statements, pattern bindings of lowered expressions), and which statements must be lowered.
 */
final class LoweredLocals {
  private LoweredLocals() {}

  /** The paths of the variables declared at lowered level (they become fields). */
  static List<TreePath> loweredLocals(Discovery.Method method) {
    List<TreePath> out = new ArrayList<>();
    collect(new TreePath(method.path, method.tree.getBody()), out);
    return out;
  }

  static void collect(TreePath path, List<TreePath> out) {
    if (path == null) {
      return;
    }
    Tree t = path.getLeaf();
    if (!needsLowering(t) && t.getKind() != Tree.Kind.BLOCK) {
      // Copied verbatim: its locals stay Java locals. A block is lowered statement by statement
      // (see Lowering.lowerStatement), so its declarations become fields even without awaits.
      if (bindingsFlowOut(t)) {
        scanExpressionPart(new TreePath(path, ((IfTree) t).getCondition()), out);
      }
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
          out.addAll(CaseLabels.bindings(cp));
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
  static void scanExpressionPart(TreePath expr, List<TreePath> out) {
    new OwnCode.PathScanner<Void, Void>() {
      @Override
      public Void visitBindingPattern(com.sun.source.tree.BindingPatternTree node, Void p) {
        out.add(new TreePath(getCurrentPath(), node.getVariable()));
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
          out.addAll(CaseLabels.bindings(cp));
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

  /** The path of {@code t} under {@code parent}; null when the child is absent (no else). */
  static TreePath child(TreePath parent, Tree t) {
    return t == null ? null : new TreePath(parent, t);
  }

  /** Whether a statement must be lowered (contains an await, or declares a field-held local). */
  /**
   * Whether {@code t} is an {@code if} whose condition's pattern bindings may be in scope after
   * it (JLS 6.3.2.2: {@code if (!(o instanceof String s)) return ...;} introduces {@code s} into
   * the rest of the block). Copied verbatim, such bindings still become fields, so that the rest
   * of a lowered block sees them across its awaits.
   */
  static boolean bindingsFlowOut(Tree t) {
    if (t == null || t.getKind() != Tree.Kind.IF) {
      return false;
    }
    IfTree i = (IfTree) t;
    boolean abrupt =
        !Reachability.canCompleteNormally(i.getThenStatement())
            || (i.getElseStatement() != null
                && !Reachability.canCompleteNormally(i.getElseStatement()));
    if (!abrupt) {
      return false;
    }
    boolean[] found = new boolean[1];
    new OwnCode.Scanner<Void, Void>() {
      @Override
      public Void visitBindingPattern(com.sun.source.tree.BindingPatternTree node, Void p) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitSwitchExpression(com.sun.source.tree.SwitchExpressionTree node, Void p) {
        return null;
      }
    }.scan(i.getCondition(), null);
    return found[0];
  }

  static boolean needsLowering(Tree t) {
    return t != null && (t.getKind() == Tree.Kind.VARIABLE || Awaits.contains(t));
  }

  static boolean blockNeedsLowering(BlockTree b) {
    for (StatementTree s : b.getStatements()) {
      if (needsLowering(s)) {
        return true;
      }
    }
    return false;
  }
}
