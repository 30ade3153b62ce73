package org.asyncio4j.processor;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;

/**
 * Scanners of an {@code @Async} body's own code: they do not descend into lambdas and local or
 * anonymous classes, whose code runs elsewhere (it never awaits, and its locals and bindings are
 * not the coroutine's).
 */
final class OwnCode {
  private OwnCode() {}

  /** A {@link TreeScanner} that skips lambdas and classes. */
  abstract static class Scanner<R, P> extends TreeScanner<R, P> {
    @Override
    public R visitLambdaExpression(LambdaExpressionTree node, P p) {
      return null;
    }

    @Override
    public R visitClass(ClassTree node, P p) {
      return null;
    }
  }

  /** A {@link TreePathScanner} that skips lambdas and classes. */
  abstract static class PathScanner<R, P> extends TreePathScanner<R, P> {
    @Override
    public R visitLambdaExpression(LambdaExpressionTree node, P p) {
      return null;
    }

    @Override
    public R visitClass(ClassTree node, P p) {
      return null;
    }
  }
}
