package org.asyncio4j;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * A loop future mirroring a JDK {@link CompletionStage}: completed on the loop thread when the
 * stage completes (on whatever thread), with the stage's exception unwrapped from {@link
 * CompletionException}. Cancelling the future cancels the stage when it is a {@link
 * CompletableFuture}. Python's {@code asyncio.wrap_future}.
 */
final class StageFuture<T> extends Future<T> {
  private final CompletionStage<T> stage;
  private boolean externalWorkEnded;

  private StageFuture(EventLoop loop, CompletionStage<T> stage) {
    super(loop);
    this.stage = stage;
  }

  static <T> Future<T> wrap(EventLoop loop, CompletionStage<T> stage) {
    StageFuture<T> f = new StageFuture<>(loop, stage);
    loop.beginExternalWork();
    stage.whenComplete(
        (v, e) -> {
          try {
            loop.callSoonThreadsafe(() -> f.stageCompleted(v, e));
          } catch (IllegalStateException closedMeanwhile) {
            // nobody is left to await it
          }
        });
    return f;
  }

  private void stageCompleted(T value, Throwable error) {
    endExternalWork();
    if (isDone()) {
      return;
    }
    Throwable e = unwrap(error);
    if (e instanceof CancellationException) {
      cancel(e.getMessage());
    } else if (e != null) {
      finish(null, e);
    } else {
      finish(value, null);
    }
  }

  @Override
  public boolean cancel(String msg) {
    if (!super.cancel(msg)) {
      return false;
    }
    endExternalWork();
    CompletableFuture<T> cf = asCompletableFuture(stage);
    if (cf != null) {
      cf.cancel(true);
    }
    return true;
  }

  private void endExternalWork() {
    if (!externalWorkEnded) {
      externalWorkEnded = true;
      loop.endExternalWork();
    }
  }

  /**
   * The stage as a CompletableFuture, or null if it does not support the conversion. A plain
   * {@code CompletableFuture} returns itself (no allocation); subclasses such as the JDK's minimal
   * stages ({@link CompletableFuture#minimalCompletionStage()}), whose {@code isDone()} and {@code
   * get()} throw, return a dependent CompletableFuture that can be inspected.
   */
  static <T> CompletableFuture<T> asCompletableFuture(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture();
    } catch (UnsupportedOperationException e) {
      return null;
    }
  }

  /** The value of a completed CompletableFuture, or its exception thrown unwrapped. */
  static Object resultOfDone(CompletableFuture<?> cf) {
    try {
      return cf.get();
    } catch (ExecutionException e) {
      throw Coroutine.<RuntimeException>sneakyThrow(unwrap(e.getCause()));
    } catch (CancellationException e) {
      CancelledError ce = new CancelledError(e.getMessage());
      ce.initCause(e);
      throw ce;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading a completed future", e);
    }
  }

  /**
   * The exception a stage failed with, without the {@link CompletionException} wrappers that JDK
   * stages add when a failure passes through dependent stages. Any other exception (including an
   * {@link ExecutionException} a stage was explicitly completed with) is kept as it is.
   */
  static Throwable unwrap(Throwable e) {
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
