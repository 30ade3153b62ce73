package org.asyncio4j;

/**
 * Something a coroutine can wait for with {@link Await#of(Awaitable)}: a {@link Coroutine}, a
 * {@link Future} or a {@link Task}.
 *
 * <p>The interface is sealed so that the event loop knows every way a coroutine can suspend; to
 * make a new kind of awaitable, extend {@link Future} (completed by callbacks) or {@link Coroutine}
 * (a state machine).
 *
 * <p>None of the implementations is a {@link java.util.concurrent.CompletionStage}: that would
 * make {@code Await.of} ambiguous. {@link Future#toCompletableFuture()} bridges to JDK code.
 *
 * @param <T> the type of the result
 */
public sealed interface Awaitable<T> permits Coroutine, Future {}
