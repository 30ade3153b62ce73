package org.asyncio4j;

/**
 * What {@link Asyncio#asCompleted} returns: a single-use iteration over awaitables in completion
 * order, usable both ways Python 3.13 allows.
 *
 * <ul>
 *   <li>As an {@link Iterable} of coroutines, each awaited for the next result: {@code for
 *       (Coroutine<T> next : asCompleted(aws)) { T r = Await.of(next); }} ({@code for c in
 *       as_completed(aws): r = await c}).
 *   <li>As an {@link AsyncIterable} of the original futures and tasks: {@code for (Future<T> f :
 *       Await.each(asCompleted(aws))) { ... }} ({@code async for t in as_completed(aws)}).
 * </ul>
 *
 * @param <T> the type of the results
 */
public interface AsCompletedIterable<T> extends Iterable<Coroutine<T>>, AsyncIterable<Future<T>> {}
