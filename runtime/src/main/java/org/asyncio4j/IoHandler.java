package org.asyncio4j;

import java.nio.channels.SelectionKey;

/**
 * The attachment of a channel registered with the loop's selector: called on the loop thread when
 * the key's channel is ready for the operations it is interested in.
 */
interface IoHandler {
  void onReady(SelectionKey key) throws Exception;

  /**
   * Debug mode: the task this handler is about to resume (the one waiting to read from or write to
   * the channel), or null. Called on the loop thread before {@link #onReady}; must not throw.
   */
  default Task<?> resumes() {
    return null;
  }
}
