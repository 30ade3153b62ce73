package org.asyncio4j.processor;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;

/** Syntactic recognition of {@code Await.of(...)} and {@code Await.each(...)} calls. */
final class Awaits {
  private Awaits() {}

  /** Whether {@code tree} is {@code Await.of(...)} (or {@code org.asyncio4j.Await.of(...)}). */
  static boolean isAwait(Tree tree) {
    return isAwaitCall(tree, "of");
  }

  /** Whether {@code tree} is {@code Yield.of(...)} (or {@code org.asyncio4j.Yield.of(...)}). */
  static boolean isYield(Tree tree) {
    if (!(tree instanceof MethodInvocationTree)) {
      return false;
    }
    ExpressionTree select = ((MethodInvocationTree) tree).getMethodSelect();
    if (!(select instanceof MemberSelectTree)
        || !((MemberSelectTree) select).getIdentifier().contentEquals("of")) {
      return false;
    }
    String owner = ((MemberSelectTree) select).getExpression().toString();
    return owner.equals("Yield") || owner.equals("org.asyncio4j.Yield");
  }

  /** Whether {@code tree} is {@code Await.each(...)}. */
  static boolean isEach(Tree tree) {
    return isAwaitCall(tree, "each");
  }

  private static boolean isAwaitCall(Tree tree, String method) {
    if (!(tree instanceof MethodInvocationTree)) {
      return false;
    }
    ExpressionTree select = ((MethodInvocationTree) tree).getMethodSelect();
    if (!(select instanceof MemberSelectTree)) {
      return false;
    }
    MemberSelectTree ms = (MemberSelectTree) select;
    if (!ms.getIdentifier().contentEquals(method)) {
      return false;
    }
    ExpressionTree owner = ms.getExpression();
    if (owner instanceof IdentifierTree) {
      return ((IdentifierTree) owner).getName().contentEquals("Await");
    }
    return owner.toString().equals("org.asyncio4j.Await");
  }

  /**
   * Whether {@code tree} contains an await (or a try-with-resources, which may be an {@code async
   * with}) that belongs to the enclosing coroutine: lambda bodies and class bodies are not searched
   * (an await there is an error reported by {@link Validation}).
   */
  static boolean contains(Tree tree) {
    if (tree == null) {
      return false;
    }
    Boolean found =
        new OwnCode.Scanner<Boolean, Void>() {
          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }

          @Override
          public Boolean visitMethodInvocation(MethodInvocationTree node, Void p) {
            if (isAwait(node) || isEach(node) || isYield(node)) {
              return true;
            }
            return super.visitMethodInvocation(node, p);
          }

          @Override
          public Boolean visitTry(com.sun.source.tree.TryTree node, Void p) {
            // try-with-resources may be 'async with': always lowered inside @Async bodies.
            if (!node.getResources().isEmpty()) {
              return true;
            }
            return super.visitTry(node, p);
          }
        }.scan(tree, null);
    return Boolean.TRUE.equals(found);
  }
}
