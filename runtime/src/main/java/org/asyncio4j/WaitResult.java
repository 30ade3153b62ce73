package org.asyncio4j;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The result of {@link Asyncio#wait(java.util.Collection, ReturnWhen)}: Python's {@code (done,
 * pending)} pair of sets. Both sets are unmodifiable and list the futures in the order they were
 * passed to {@code wait}.
 *
 * @param <T> the result type of the futures
 */
public final class WaitResult<T> {
  private final Set<Future<T>> done;
  private final Set<Future<T>> pending;

  WaitResult(Set<Future<T>> done, Set<Future<T>> pending) {
    this.done = Collections.unmodifiableSet(new LinkedHashSet<>(done));
    this.pending = Collections.unmodifiableSet(new LinkedHashSet<>(pending));
  }

  /** The futures that are done (finished with a result or an exception, or cancelled). */
  public Set<Future<T>> done() {
    return done;
  }

  /** The futures that are not done yet; {@code wait} never cancels them. */
  public Set<Future<T>> pending() {
    return pending;
  }

  @Override
  public String toString() {
    return "WaitResult(done=" + done + ", pending=" + pending + ")";
  }
}
