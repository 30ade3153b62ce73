package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The loop's ready queue: FIFO through its front slot, the ring's wrap-around and growth. */
class ReadyQueueTest {
  @Test
  void keepsFifoOrderWhileWrappingAroundAndGrowing() {
    ReadyQueue q = new ReadyQueue() {};
    int next = 0;
    int expected = 0;
    // Move head and tail around the 16-slot array several times, then grow while wrapped.
    for (int round = 0; round < 40; round++) {
      for (int i = 0; i < 5; i++) {
        q.readyAdd(next++);
      }
      for (int i = 0; i < 4; i++) {
        assertEquals(expected++, q.readyPoll());
      }
      assertEquals(next - expected, q.readySize());
    }
    while (!q.readyIsEmpty()) {
      assertEquals(expected++, q.readyPoll());
    }
    assertEquals(next, expected);
    assertEquals(0, q.readySize());
  }

  @Test
  void fromNewestCountsBackFromTheLastAdded() {
    ReadyQueue q = new ReadyQueue() {};
    q.readyAdd("first"); // kept in front: the ring holds what follows
    for (int i = 0; i < 10; i++) {
      q.readyAdd(i);
      q.readyPoll(); // "first", then 0 to 8: the ring's head and tail move on
    }
    assertEquals(9, q.readyPoll()); // empty again: the next element goes in front
    for (int i = 0; i < 20; i++) {
      q.readyAdd("x" + i); // x0 in front, x1 to x19 in the ring: it wraps around, then grows
    }
    assertEquals(20, q.readySize());
    assertEquals("x19", q.readyFromNewest(0));
    assertEquals("x1", q.readyFromNewest(18));
    assertEquals("x0", q.readyFromNewest(19));
    q.readyClear();
    assertTrue(q.readyIsEmpty());
    q.readyAdd("y");
    assertEquals("y", q.readyPoll());
  }

  /**
   * It grows by half, not to powers of two: 100k ready tasks fit in fewer than 2^17 references (an
   * array of 2^17 is a G1 humongous object, a whole heap region: 6 B more per parked task).
   */
  @Test
  void growsByHalf() {
    ReadyQueue q = new ReadyQueue() {};
    for (int i = 0; i <= 100_000; i++) {
      q.readyAdd(i);
    }
    assertEquals(100_001, q.readySize());
    assertTrue(
        q.readyCapacity() > 100_001 && q.readyCapacity() < 1 << 17,
        "capacity " + q.readyCapacity());
    for (int i = 0; i <= 100_000; i++) {
      assertEquals(i, q.readyPoll());
    }
    assertTrue(q.readyIsEmpty());
  }

  /** Random runs of adds and polls against {@link ArrayDeque}: same elements, order and sizes. */
  @Test
  void behavesAsADequeUnderRandomAddsAndPolls() {
    SplittableRandom random = new SplittableRandom(7);
    for (int run = 0; run < 50; run++) {
      ReadyQueue q = new ReadyQueue() {};
      ArrayDeque<Object> expected = new ArrayDeque<>();
      int next = 0;
      for (int step = 0; step < 2_000; step++) {
        int adds = random.nextInt(run % 2 == 0 ? 4 : 3); // even runs grow, odd ones wrap around
        for (int i = 0; i < adds; i++) {
          q.readyAdd(next);
          expected.add(next++);
        }
        int polls = random.nextInt(3);
        for (int i = 0; i < polls && !expected.isEmpty(); i++) {
          assertEquals(expected.poll(), q.readyPoll());
        }
        assertEquals(expected.size(), q.readySize());
        assertEquals(expected.isEmpty(), q.readyIsEmpty());
        List<Object> newestFirst = new ArrayList<>(expected);
        for (int k = 0; k < Math.min(3, newestFirst.size()); k++) {
          assertEquals(newestFirst.get(newestFirst.size() - 1 - k), q.readyFromNewest(k));
        }
      }
    }
  }
}
