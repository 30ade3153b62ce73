package org.asyncio4j.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The user's source text: copies sub-trees verbatim (by their source offsets) while applying edits
 * chosen by a {@link Rewriter} (renamed locals, qualified names, rewritten returns and jumps,
 * lowered sub-expressions).
 */
final class SourceText {
  /** Decides the edits while a sub-tree is copied. */
  interface Rewriter {
    /**
     * The replacement text for the tree at {@code path}, or null to copy it (descending into its
     * children).
     */
    String replace(TreePath path, SourceText text);
  }

  final CompilationUnitTree unit;
  final CharSequence source;
  private final SourcePositions positions;

  SourceText(CompilationUnitTree unit, SourcePositions positions) {
    this.unit = unit;
    this.positions = positions;
    try {
      this.source = unit.getSourceFile().getCharContent(true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int start(Tree t) {
    return (int) positions.getStartPosition(unit, t);
  }

  int end(Tree t) {
    return (int) positions.getEndPosition(unit, t);
  }

  /** The tree's text exactly as written. */
  String raw(Tree t) {
    return source.subSequence(start(t), end(t)).toString();
  }

  long line(Tree t) {
    return unit.getLineMap().getLineNumber(start(t));
  }

  /** The tree's column (0-based) in its line. */
  int column(Tree t) {
    return (int) unit.getLineMap().getColumnNumber(start(t)) - 1;
  }

  /** The first line of the tree's text, for comments. */
  String firstLine(Tree t) {
    String s = raw(t);
    int nl = s.indexOf('\n');
    String first = (nl < 0 ? s : s.substring(0, nl)).trim();
    return first.replace("\r", "");
  }

  /** The text of the tree at {@code path} with the rewriter's edits. */
  String render(TreePath path, Rewriter rewriter) {
    Tree root = path.getLeaf();
    String whole = rewriter.replace(path, this);
    if (whole != null) {
      return whole;
    }
    int base = start(root);
    int limit = end(root);
    List<int[]> spans = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void p) {
        if (tree == null) {
          return null;
        }
        TreePath child = new TreePath(getCurrentPath(), tree);
        String r = rewriter.replace(child, SourceText.this);
        if (r != null) {
          int s = start(tree);
          int e = end(tree);
          if (s >= 0 && e >= s) {
            spans.add(new int[] {s, e, texts.size()});
            texts.add(r);
          }
          return null;
        }
        return super.scan(tree, p);
      }
    }.scan(path, null);
    // scan(path) visits the root itself through scan(Tree) only for children; the root was handled.
    spans.sort(Comparator.comparingInt(a -> a[0]));
    StringBuilder sb = new StringBuilder();
    int pos = base;
    for (int[] span : spans) {
      if (span[0] < pos) {
        continue; // nested inside an earlier replacement
      }
      sb.append(source, pos, span[0]);
      sb.append(texts.get(span[2]));
      pos = span[1];
    }
    sb.append(source, pos, limit);
    return sb.toString();
  }
}
