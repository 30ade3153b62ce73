package org.asyncio4j.processor;

import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The labels of a {@code case} of a lowered switch (JDK 21+ pattern labels included), read from
 * the source text so that the processor needs only the Java 17 tree API: a case whose label is not
 * a list of constants ({@code case Point(int x, int y) when x > 0}, {@code case String s}, {@code
 * case null, default}) is copied into the dispatch switch as written, and its pattern bindings
 * become fields of the coroutine, assigned in the dispatch.
 */
final class CaseLabels {
  private CaseLabels() {}

  /**
   * Whether the case's label is more than constants or {@code default}: a pattern, or {@code null}
   * with {@code default}.
   */
  static boolean isEnhanced(CaseTree c, SourceText text) {
    String h = header(c, text);
    if (c.getExpressions().isEmpty()) {
      return !h.equals("default");
    }
    return h.matches("(?s).*\\bdefault\\b.*");
  }

  /**
   * The label as written, without the {@code ->} or {@code :} that ends it ({@code case Point p
   * when p.x() > 0}).
   */
  static String header(CaseTree c, SourceText text) {
    String h = text.source.subSequence(text.start(c), headerEnd(c, text)).toString().trim();
    if (h.endsWith("->")) {
      h = h.substring(0, h.length() - 2);
    } else if (h.endsWith(":")) {
      h = h.substring(0, h.length() - 1);
    }
    return h.trim();
  }

  /** The source offset where the case's body (or first statement) starts. */
  private static int headerEnd(CaseTree c, SourceText text) {
    if (c.getCaseKind() == CaseTree.CaseKind.RULE && c.getBody() != null) {
      return text.start(c.getBody());
    }
    List<? extends StatementTree> stats = c.getStatements();
    if (stats != null && !stats.isEmpty()) {
      return text.start(stats.get(0));
    }
    return text.end(c);
  }

  /** The pattern bindings the label (and its guard) declare, nested record components included. */
  static List<TreePath> bindings(TreePath casePath) {
    List<TreePath> out = new ArrayList<>();
    new LabelScanner(casePath) {
      @Override
      public Void visitBindingPattern(BindingPatternTree node, Void p) {
        out.add(new TreePath(getCurrentPath(), node.getVariable()));
        return null;
      }
    }.scan(casePath, null);
    return out;
  }

  /** An await in the label's guard ({@code when ...}), or null. */
  static Tree awaitInGuard(TreePath casePath) {
    Tree[] found = new Tree[1];
    new LabelScanner(casePath) {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void p) {
        if (found[0] == null && Awaits.isAwait(node)) {
          found[0] = node;
        }
        return super.visitMethodInvocation(node, p);
      }
    }.scan(casePath, null);
    return found[0];
  }

  /**
   * A name in the label or guard that the copied label would read differently: {@code this},
   * {@code super}, or a local the coroutine holds in a field of another name ({@code renamed}
   * maps a name to that field, or to null); null when there is none.
   */
  static IdentifierTree foreignName(TreePath casePath, Function<String, String> renamed) {
    Set<String> own = new HashSet<>();
    for (TreePath b : bindings(casePath)) {
      own.add(((VariableTree) b.getLeaf()).getName().toString());
    }
    IdentifierTree[] found = new IdentifierTree[1];
    new LabelScanner(casePath) {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void p) {
        String n = node.getName().toString();
        String f = own.contains(n) ? null : renamed.apply(n);
        if (found[0] == null
            && (n.equals("this") || n.equals("super") || (f != null && !f.equals(n)))) {
          found[0] = node;
        }
        return null;
      }
    }.scan(casePath, null);
    return found[0];
  }

  /** Scans a case's labels and guard: not its body, lambdas or classes. */
  private static class LabelScanner extends OwnCode.PathScanner<Void, Void> {
    private final CaseTree c;

    LabelScanner(TreePath casePath) {
      this.c = (CaseTree) casePath.getLeaf();
    }

    @Override
    public Void scan(Tree tree, Void p) {
      if (tree != null
          && (tree == c.getBody()
              || (c.getStatements() != null && c.getStatements().contains(tree)))) {
        return null;
      }
      return super.scan(tree, p);
    }
  }
}
