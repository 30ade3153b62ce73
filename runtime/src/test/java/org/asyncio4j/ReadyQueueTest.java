package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The loop's ring-buffer ready queue: FIFO across wrap-around and growth. */
class ReadyQueueTest {
  @Test
  void keepsFifoOrderWhileWrappingAroundAndGrowing() {
    ReadyQueue q = new ReadyQueue();
    int next = 0;
    int expected = 0;
    // Move head and tail around the 16-slot array several times, then grow while wrapped.
    for (int round = 0; round < 40; round++) {
      for (int i = 0; i < 5; i++) {
        q.add(next++);
      }
      for (int i = 0; i < 4; i++) {
        assertEquals(expected++, q.poll());
      }
      assertEquals(next - expected, q.size());
    }
    while (!q.isEmpty()) {
      assertEquals(expected++, q.poll());
    }
    assertEquals(next, expected);
    assertEquals(0, q.size());
  }

  @Test
  void fromNewestCountsBackFromTheLastAdded() {
    ReadyQueue q = new ReadyQueue();
    for (int i = 0; i < 10; i++) {
      q.add(i);
      q.poll();
    }
    for (int i = 0; i < 20; i++) {
      q.add("x" + i); // wraps around, then grows
    }
    assertEquals(20, q.size());
    assertEquals("x19", q.fromNewest(0));
    assertEquals("x0", q.fromNewest(19));
    q.clear();
    assertTrue(q.isEmpty());
    q.add("y");
    assertEquals("y", q.poll());
  }

  /**
   * It grows by half, not to powers of two: 100k ready tasks fit in fewer than 2^17 references (an
   * array of 2^17 is a G1 humongous object, a whole heap region: 6 B more per parked task).
   */
  @Test
  void growsByHalf() {
    ReadyQueue q = new ReadyQueue();
    for (int i = 0; i <= 100_000; i++) {
      q.add(i);
    }
    assertEquals(100_001, q.size());
    assertTrue(q.capacity() > 100_001 && q.capacity() < 1 << 17, "capacity " + q.capacity());
    for (int i = 0; i <= 100_000; i++) {
      assertEquals(i, q.poll());
    }
    assertTrue(q.isEmpty());
  }
}
