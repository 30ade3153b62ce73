package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link WaiterQueue}: FIFO order across its first-waiter field and its deque. */
class WaiterQueueTest {
  /** A distinct waiter: the queue only orders them (no loop needed). */
  private static Future<Void> waiter() {
    return new Future<>((EventLoop) null);
  }

  private static List<Future<Void>> drain(WaiterQueue q) {
    List<Future<Void>> out = new ArrayList<>();
    for (Future<Void> w; (w = q.pollFirst()) != null; ) {
      out.add(w);
    }
    return out;
  }

  @Test
  void keepsFifoOrderAndPutsAnAddFirstAheadOfEveryone() {
    WaiterQueue q = new WaiterQueue();
    Future<Void> a = waiter();
    Future<Void> b = waiter();
    Future<Void> c = waiter();
    Future<Void> d = waiter();
    assertTrue(q.isEmpty());
    assertNull(q.pollFirst());
    q.addLast(a);
    q.addLast(b);
    q.addLast(c);
    assertEquals(3, q.size());
    assertSame(a, q.pollFirst());
    q.addFirst(d); // a woken waiter waiting again keeps its turn
    q.addLast(a);
    assertEquals(List.of(d, b, c, a), drain(q));
    assertTrue(q.isEmpty());
    assertEquals(0, q.size());
  }

  @Test
  void removesTheFirstOrAnyLaterWaiter() {
    WaiterQueue q = new WaiterQueue();
    Future<Void> a = waiter();
    Future<Void> b = waiter();
    Future<Void> c = waiter();
    q.addLast(a);
    q.addLast(b);
    q.addLast(c);
    assertTrue(q.remove(b));
    assertFalse(q.remove(b));
    assertTrue(q.remove(a)); // the first: the next one moves up
    assertEquals(1, q.size());
    assertEquals(List.of(c), drain(q));
    assertFalse(q.remove(c));
  }

  @Test
  void theSameWaiterCanWaitAgainAfterLeaving() {
    WaiterQueue q = new WaiterQueue();
    Future<Void> a = waiter();
    for (int i = 0; i < 3; i++) {
      q.addLast(a);
      assertEquals(1, q.size());
      assertSame(a, q.pollFirst());
      assertTrue(q.isEmpty());
    }
    q.addFirst(a);
    assertEquals(List.of(a), drain(q));
  }
}
