package org.asyncio4j.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import java.util.List;
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
    return snapshot(List.of(statement), code);
  }

  /** {@link #snapshot(Tree, String)} for code rendered from several trees. */
  String snapshot(List<? extends Tree> sources, String code) {
    Set<String> captured = new java.util.TreeSet<>();
    Set<String> assigned = new java.util.HashSet<>();
    for (Tree t : sources) {
      assigned.addAll(EvaluationOrder.assignedIn(t));
    }
    TreeScanner<Void, Integer> scanner =
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
        };
    for (Tree t : sources) {
      scanner.scan(t, 0);
    }
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
   * every state sees it. The locals it uses that live in fields are copied into final fields of the
   * class, under the same names, when an instance is created: as in Java, an instance made in one
   * loop iteration keeps that iteration's values after the coroutine's fields move on.
   */
  void hoistLocalClass(TreePath path) {
    ClassTree t = (ClassTree) path.getLeaf();
    String code = dedent(lo.text.render(path, new Render(lo, path)), lo.text.column(t));
    Set<String> captured = t.getKind() == Tree.Kind.CLASS ? capturedBy(path) : Set.of();
    java.util.regex.Matcher header =
        java.util.regex.Pattern.compile("\\bclass\\s+" + t.getSimpleName() + "\\b[^{]*\\{")
            .matcher(code);
    if (!captured.isEmpty() && header.find()) {
      StringBuilder copies =
          new StringBuilder("\n  // the locals it uses, captured when an instance is created");
      for (String f : captured) {
        copies
            .append("\n  private final ")
            .append(lo.sm.fields.get(f))
            .append(' ')
            .append(f)
            .append(" = ")
            .append(lo.method.className)
            .append(".this.")
            .append(f)
            .append(';');
      }
      String rest = code.substring(header.end());
      if (!rest.startsWith("\n")) {
        // A class written on one line: its members, then its closing brace, on their own lines.
        rest = rest.strip();
        if (rest.endsWith("}") && rest.indexOf('\n') < 0) {
          rest = rest.substring(0, rest.length() - 1).stripTrailing() + "\n}";
        }
        rest = "\n  " + rest;
      }
      code = code.substring(0, header.end()) + copies + rest;
    }
    lo.sm.localClasses.add(
        "// " + lo.host.fileName() + ":" + lo.text.line(t) + "  (local class)\n" + code);
  }

  /** The fields holding locals that the class at {@code path} uses (and does not redeclare). */
  private Set<String> capturedBy(TreePath path) {
    Set<String> declared = new java.util.HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(com.sun.source.tree.VariableTree node, Void p) {
        declared.add(node.getName().toString());
        return super.visitVariable(node, p);
      }
    }.scan(path.getLeaf(), null);
    Set<String> captured = new java.util.TreeSet<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree node, Void p) {
        String n = node.getName().toString();
        Tree parent = getCurrentPath().getParentPath().getLeaf();
        boolean callee =
            parent instanceof MethodInvocationTree
                && ((MethodInvocationTree) parent).getMethodSelect() == node;
        String f = lo.localFields.fieldOf(n);
        if (!callee && f != null && !declared.contains(n)) {
          captured.add(f);
        }
        return null;
      }
    }.scan(path, null);
    return captured;
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
