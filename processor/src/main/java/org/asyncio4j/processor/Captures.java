package org.asyncio4j.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import java.util.Set;

/**
 * Code that lambdas and local or anonymous classes see: local classes hoisted before the state
 * machine, and final copies of field-held locals that a lambda or class captures.
 */
final class Captures {
  private final Lowering lo;

  Captures(Lowering lo) {
    this.lo = lo;
  }

  /**
   * Wraps a statement whose lambdas or local/anonymous classes capture locals that live in fields:
   * a final local copy of each (same name) makes them capture the value of this moment, as Java's
   * capture of an effectively final local does, not the field that a later iteration reassigns.
   */
  String snapshot(Tree statement, String code) {
    Set<String> captured = new java.util.TreeSet<>();
    Set<String> assigned = EvaluationOrder.assignedIn(statement);
    new TreeScanner<Void, Integer>() {
      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Integer depth) {
        return super.visitLambdaExpression(node, depth + 1);
      }

      @Override
      public Void visitClass(ClassTree node, Integer depth) {
        return super.visitClass(node, depth + 1);
      }

      @Override
      public Void visitIdentifier(IdentifierTree node, Integer depth) {
        String n = node.getName().toString();
        String f = lo.localFields.fieldOf(n);
        if (depth > 0 && f != null && !assigned.contains(n)) {
          captured.add(f);
        }
        return null;
      }
    }.scan(statement, 0);
    if (captured.isEmpty()) {
      return code;
    }
    StringBuilder sb = new StringBuilder("{\n");
    for (String f : captured) {
      sb.append("  final ")
          .append(lo.sm.fields.get(f))
          .append(' ')
          .append(f)
          .append(" = this.")
          .append(f)
          .append("; // captured by a lambda or class below\n");
    }
    for (String line : code.split("\n", -1)) {
      sb.append("  ").append(line).append('\n');
    }
    return sb.append('}').toString();
  }

  /**
   * A local class is visible only in its own case group: declare it before the state machine, where
   * every state sees it.
   */
  void hoistLocalClass(TreePath path) {
    Tree t = path.getLeaf();
    String code = dedent(lo.text.render(path, new Render(lo, path)), lo.text.column(t));
    lo.sm.localClasses.add(
        "// " + lo.host.fileName() + ":" + lo.text.line(t) + "  (local class)\n" + code);
  }

  /** Removes the statement's original indentation from its continuation lines. */
  static String dedent(String code, int column) {
    if (column <= 0 || code.indexOf('\n') < 0) {
      return code;
    }
    StringBuilder sb = new StringBuilder();
    String[] lines = code.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (i > 0) {
        int strip = 0;
        while (strip < column && strip < line.length() && line.charAt(strip) == ' ') {
          strip++;
        }
        line = line.substring(strip);
        sb.append('\n');
      }
      sb.append(line);
    }
    return sb.toString();
  }
}
