package org.asyncio4j.processor;

import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;

/**
 * Lowers {@code break} and {@code continue}: finds the target loop, switch or labelled statement
 * and routes the jump through the finally blocks in between.
 */
final class BreakContinue {
  private final Lowering lo;

  BreakContinue(Lowering lo) {
    this.lo = lo;
  }

  /** A lowered loop, switch or labelled statement that break/continue may target. */
  static final class Jump {
    final String userLabel;
    final boolean loop;
    final boolean breakable;
    final StateMachine.Label breakTo;
    final StateMachine.Label continueTo;
    final int tryDepth;

    Jump(
        String userLabel,
        boolean loop,
        boolean breakable,
        StateMachine.Label breakTo,
        StateMachine.Label continueTo,
        int tryDepth) {
      this.userLabel = userLabel;
      this.loop = loop;
      this.breakable = breakable;
      this.breakTo = breakTo;
      this.continueTo = continueTo;
      this.tryDepth = tryDepth;
    }
  }

  /** The code of a jump to {@code l} (a target at try depth {@code depth}) from here. */
  String jumpCode(StateMachine.Label l, Jump target, boolean nested) {
    String lab = nested ? "this.label" : "label";
    String cont = nested ? "continue stateMachine;" : "continue;";
    if (nested) {
      lo.sm.labelled = true;
    }
    TryStatements.TryFrame f = lo.tryStatements.finallyBetween(target.tryDepth);
    if (f == null) {
      return lab + " = " + StateMachine.ref(l) + "; " + cont;
    }
    int code = 3 + lo.tryStatements.pendingIndex(f, l, target);
    return f.kind()
        + " = "
        + code
        + "; "
        + lab
        + " = "
        + StateMachine.ref(f.finallyLabel)
        + "; "
        + cont;
  }

  Jump findJump(Tree t) {
    String label;
    boolean isContinue = t instanceof ContinueTree;
    label = isContinue ? nameOf(((ContinueTree) t).getLabel()) : nameOf(((BreakTree) t).getLabel());
    for (Jump j : lo.jumps) {
      if (label != null) {
        if (label.equals(j.userLabel)) {
          return j;
        }
      } else if (isContinue ? j.loop : j.breakable) {
        return j;
      }
    }
    return null;
  }

  static String nameOf(javax.lang.model.element.Name n) {
    return n == null ? null : n.toString();
  }

  void loweredJump(Tree t) {
    Jump j = findJump(t);
    if (j == null) {
      lo.error(Diagnostics.unsupportedAwaitPosition("this jump"), t);
      return;
    }
    StateMachine.Label l = t instanceof ContinueTree ? j.continueTo : j.breakTo;
    for (String line : jumpCode(l, j, false).split("; ")) {
      lo.emit(line.endsWith(";") ? line : line + ";");
    }
    lo.reachable = false;
  }

  boolean containsJumpTo(Tree t, String label) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitBreak(BreakTree node, Void p) {
        if (node.getLabel() != null && node.getLabel().contentEquals(label)) {
          found[0] = true;
        }
        return null;
      }

      @Override
      public Void visitContinue(ContinueTree node, Void p) {
        if (node.getLabel() != null && node.getLabel().contentEquals(label)) {
          found[0] = true;
        }
        return null;
      }
    }.scan(t, null);
    return found[0] && Awaits.contains(t);
  }
}
