package org.asyncio4j;

import java.nio.channels.SelectionKey;

/**
 * The attachment of a channel registered with the loop's selector: called on the loop thread when
 * the key's channel is ready for the operations it is interested in.
 */
interface IoHandler {
  void onReady(SelectionKey key) throws Exception;
}
