package org.asyncio4j;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a coroutine method: Python's {@code async def}.
 *
 * <p>The method returns {@code Coroutine<T>} (or {@code AsyncGenerator<T>}) and may use
 * {@link Await#of} anywhere an expression may stand. The asyncio4j annotation processor writes a
 * class {@code CAsync} next to the host class {@code C} whose methods of the same names run the
 * body as a state machine on the event loop. See {@code docs/design.md}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Async {}
