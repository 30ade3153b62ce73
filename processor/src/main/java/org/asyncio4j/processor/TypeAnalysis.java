package org.asyncio4j.processor;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The types of the named locals that become fields of a coroutine, from {@link
 * Trees#getScope(TreePath)}: one call per block (at its last statement, where every local of the
 * block is in scope), plus one per loop header, catch clause or resource list that declares one.
 * Expression types are never computed: generated code leaves them to javac's inference.
 */
final class TypeAnalysis {
  private final Trees trees;

  TypeAnalysis(Trees trees) {
    this.trees = trees;
  }

  /** Thrown when a type is still an error type: the class is retried in the next round. */
  static final class Deferred extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * The variable whose type is missing, and whether it was not found at all (not an error type).
     */
    final transient VariableTree variable;

    final boolean notFound;

    Deferred(VariableTree variable, boolean notFound) {
      super(null, null, false, false);
      this.variable = variable;
      this.notFound = notFound;
    }
  }

  /**
   * The declared (or inferred, for {@code var}) type of each variable; {@code paths} point at the
   * variables' trees.
   */
  Map<VariableTree, TypeMirror> typesOf(List<TreePath> paths) throws Deferred {
    Map<Tree, Map<String, TypeMirror>> scopes = new IdentityHashMap<>();
    Map<VariableTree, TypeMirror> out = new IdentityHashMap<>();
    for (TreePath p : paths) {
      VariableTree v = (VariableTree) p.getLeaf();
      TreePath point = scopePoint(p);
      Map<String, TypeMirror> locals = scopes.get(point.getLeaf());
      if (locals == null) {
        locals = new HashMap<>();
        for (Element e : trees.getScope(point).getLocalElements()) {
          ElementKind k = e.getKind();
          if (k == ElementKind.LOCAL_VARIABLE
              || k == ElementKind.PARAMETER
              || k == ElementKind.EXCEPTION_PARAMETER
              || k == ElementKind.RESOURCE_VARIABLE
              || k.name().equals("BINDING_VARIABLE")) {
            locals.put(e.getSimpleName().toString(), e.asType());
          }
        }
        scopes.put(point.getLeaf(), locals);
      }
      TypeMirror t = locals.get(v.getName().toString());
      if (t == null) {
        // Not visible where expected (a pattern binding): ask where it is in scope.
        for (TreePath candidate : bindingScopes(p)) {
          for (Element e : trees.getScope(candidate).getLocalElements()) {
            if (e.getSimpleName().contentEquals(v.getName())) {
              t = e.asType();
            }
          }
          if (t != null) {
            break;
          }
        }
      }
      if (t == null && inCopiedIf(p)) {
        continue; // in scope nowhere after the if: it stays a Java local of the copied if
      }
      if (t == null || hasError(t)) {
        throw new Deferred(v, t == null);
      }
      out.put(v, t);
    }
    return out;
  }

  /**
   * Places where a pattern binding declared at {@code varPath} is in scope: the variable itself,
   * the right operand of an enclosing {@code &&} or {@code ||}, the branches of an enclosing
   * conditional or if, the body of an enclosing loop.
   */
  private static List<TreePath> bindingScopes(TreePath varPath) {
    List<TreePath> out = new java.util.ArrayList<>();
    out.add(varPath);
    Tree prev = varPath.getLeaf();
    for (TreePath p = varPath.getParentPath(); p != null; p = p.getParentPath()) {
      Tree t = p.getLeaf();
      if (t instanceof com.sun.source.tree.BinaryTree
          && ((com.sun.source.tree.BinaryTree) t).getLeftOperand() == prev) {
        out.add(new TreePath(p, ((com.sun.source.tree.BinaryTree) t).getRightOperand()));
      } else if (t instanceof com.sun.source.tree.ConditionalExpressionTree) {
        com.sun.source.tree.ConditionalExpressionTree c =
            (com.sun.source.tree.ConditionalExpressionTree) t;
        out.add(new TreePath(p, c.getTrueExpression()));
        out.add(new TreePath(p, c.getFalseExpression()));
      } else if (t instanceof com.sun.source.tree.IfTree) {
        com.sun.source.tree.IfTree i = (com.sun.source.tree.IfTree) t;
        out.add(new TreePath(p, i.getThenStatement()));
        if (i.getElseStatement() != null) {
          out.add(new TreePath(p, i.getElseStatement()));
        }
        // A binding the if introduces into the rest of its block (JLS 6.3.2.2).
        TreePath up = p.getParentPath();
        if (up != null && up.getLeaf() instanceof BlockTree) {
          List<? extends StatementTree> stats = ((BlockTree) up.getLeaf()).getStatements();
          int at = stats.indexOf(i);
          if (at >= 0 && at + 1 < stats.size()) {
            out.add(new TreePath(up, stats.get(at + 1)));
          }
        }
        break;
      } else if (t instanceof CaseTree) {
        // A case label's binding: in scope in the case's body (arrow) or statements.
        CaseTree c = (CaseTree) t;
        if (c.getBody() != null) {
          out.add(new TreePath(p, c.getBody()));
        }
        if (c.getStatements() != null && !c.getStatements().isEmpty()) {
          out.add(new TreePath(p, c.getStatements().get(0)));
        }
        break;
      } else if (t instanceof com.sun.source.tree.WhileLoopTree) {
        out.add(new TreePath(p, ((com.sun.source.tree.WhileLoopTree) t).getStatement()));
        break;
      } else if (t instanceof StatementTree) {
        break;
      }
      prev = t;
    }
    return out;
  }

  /**
   * Whether the variable is a pattern binding in the condition of an {@code if} copied verbatim
   * (see {@link LoweredLocals#bindingsFlowOut}).
   */
  private static boolean inCopiedIf(TreePath varPath) {
    for (TreePath p = varPath.getParentPath(); p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof StatementTree) {
        return p.getLeaf().getKind() == Tree.Kind.IF && !LoweredLocals.needsLowering(p.getLeaf());
      }
    }
    return false;
  }

  /** Where one getScope call sees the variable and its siblings. */
  private static TreePath scopePoint(TreePath varPath) {
    TreePath parentPath = varPath.getParentPath();
    Tree parent = parentPath.getLeaf();
    if (parent instanceof BlockTree) {
      List<? extends StatementTree> stats = ((BlockTree) parent).getStatements();
      return new TreePath(parentPath, stats.get(stats.size() - 1));
    }
    if (parent instanceof CaseTree) {
      List<? extends StatementTree> stats = ((CaseTree) parent).getStatements();
      if (stats != null && !stats.isEmpty()) {
        return new TreePath(parentPath, stats.get(stats.size() - 1));
      }
    }
    if (parent instanceof ForLoopTree) {
      return new TreePath(parentPath, ((ForLoopTree) parent).getStatement());
    }
    if (parent instanceof EnhancedForLoopTree) {
      return new TreePath(parentPath, ((EnhancedForLoopTree) parent).getStatement());
    }
    if (parent instanceof CatchTree) {
      return new TreePath(parentPath, ((CatchTree) parent).getBlock());
    }
    if (parent instanceof TryTree) {
      return new TreePath(parentPath, ((TryTree) parent).getBlock());
    }
    return varPath;
  }

  static boolean hasError(TypeMirror t) {
    if (t.getKind() == TypeKind.ERROR) {
      return true;
    }
    if (t.getKind() == TypeKind.DECLARED) {
      for (TypeMirror a : ((DeclaredType) t).getTypeArguments()) {
        if (hasError(a)) {
          return true;
        }
      }
    }
    if (t.getKind() == TypeKind.ARRAY) {
      return hasError(((javax.lang.model.type.ArrayType) t).getComponentType());
    }
    return false;
  }
}
