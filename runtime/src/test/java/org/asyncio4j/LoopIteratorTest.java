package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/**
 * {@code Coroutine.loopIterator}, the iterator of an enhanced {@code for} whose body awaits over an
 * array whose type the processor cannot tell: like Java's loop (JLS 14.14.2) it reads each element
 * when its iteration starts, so a write to a later element during the loop is seen.
 */
class LoopIteratorTest {

  /** Runs the loop, writing {@code write} into element 2 during the first iteration. */
  private static <E> List<E> loop(Iterator<E> it, Runnable write) {
    List<E> seen = new ArrayList<>();
    boolean first = true;
    while (it.hasNext()) {
      seen.add(it.next());
      if (first) {
        write.run();
        first = false;
      }
    }
    assertThrows(NoSuchElementException.class, it::next);
    return seen;
  }

  @Test
  void everyArrayKindSeesWritesToLaterElements() {
    char[] c = {'a', 'b', 'c'};
    assertEquals(List.of('a', 'b', 'z'), loop(Coroutine.loopIterator(c), () -> c[2] = 'z'));
    byte[] b = {1, 2, 3};
    assertEquals(
        List.of((byte) 1, (byte) 2, (byte) 9), loop(Coroutine.loopIterator(b), () -> b[2] = 9));
    short[] s = {1, 2, 3};
    assertEquals(
        List.of((short) 1, (short) 2, (short) 9), loop(Coroutine.loopIterator(s), () -> s[2] = 9));
    float[] f = {1, 2, 3};
    assertEquals(List.of(1f, 2f, 9f), loop(Coroutine.loopIterator(f), () -> f[2] = 9));
    boolean[] z = {true, true, true};
    assertEquals(List.of(true, true, false), loop(Coroutine.loopIterator(z), () -> z[2] = false));
    int[] i = {1, 2, 3};
    assertEquals(List.of(1, 2, 9), loop(Coroutine.loopIterator(i), () -> i[2] = 9));
    long[] l = {1, 2, 3};
    assertEquals(List.of(1L, 2L, 9L), loop(Coroutine.loopIterator(l), () -> l[2] = 9));
    double[] d = {1, 2, 3};
    assertEquals(List.of(1.0, 2.0, 9.0), loop(Coroutine.loopIterator(d), () -> d[2] = 9));
    String[] o = {"a", "b", "c"};
    assertEquals(List.of("a", "b", "z"), loop(Coroutine.loopIterator(o), () -> o[2] = "z"));
  }

  @Test
  void anEmptyArrayHasNoElements() {
    assertFalse(Coroutine.loopIterator(new char[0]).hasNext());
    assertFalse(Coroutine.loopIterator(new boolean[0]).hasNext());
  }
}
