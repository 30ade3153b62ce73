package org.asyncio4j;

import java.util.Arrays;

/**
 * The loop's ready queue: callbacks and tasks in FIFO order, in a slot for the oldest element and
 * a ring buffer for the rest. Smaller than {@link java.util.ArrayDeque} on the hot path (no null
 * test on the poll of an element the loop counted, no shared JDK profile) and only what the loop
 * needs. The ring grows by half, as {@code ArrayDeque} does, not to powers of two: an array of 2^17
 * references (100k ready tasks) would be a G1 humongous object taking a whole heap region (a
 * parked task measured 153 B instead of 147). Not thread-safe: used by the loop's thread only.
 *
 * <p>An element added to an empty queue goes into the slot ({@link #front}), later ones into the
 * ring behind it, so the order stays FIFO. A program where one task at a time is ready (a task that
 * yields, two tasks taking turns, a producer and a consumer) then never touches the ring: an add
 * and a poll are a field store each, not an array store with index and bounds arithmetic, and the
 * next poll's load depends on nothing but the loop (yield about 0.8 ns, ping-pong 1.3 ns faster:
 * docs/performance.md, R28). Go's scheduler keeps a similar slot ({@code runnext}), where it also
 * changes the order; this one does not.
 *
 * <p>{@link EventLoop}'s superclass, not an object it holds: the queue's fields are then fields of
 * the loop itself, one dependent load closer on the path of every task switch (after a step, the
 * task goes back into the queue that the loop reads next; with the queue an object of its own,
 * that store's address waited for one more load). About 0.8 ns per {@code sleep(0)}, 0.5 ns per
 * ping-pong switch (R27). Its methods carry the queue's name so that they read as such in the loop.
 */
abstract class ReadyQueue {
  /**
   * The oldest element if it was added to an empty queue (the ring holds the ones after it), else
   * null (the ring holds them all).
   */
  private Object front;

  /** The ring. */
  private Object[] items = new Object[16];

  /** Index of the ring's oldest element. */
  private int head;

  /** Index where the ring's next element goes; equal to head when empty (never full: it grows). */
  private int tail;

  final void readyAdd(Object item) {
    if (front == null && head == tail) {
      front = item;
    } else {
      ringAdd(item);
    }
  }

  private void ringAdd(Object item) {
    Object[] a = items;
    int t = tail;
    a[t] = item;
    if (++t == a.length) {
      t = 0;
    }
    tail = t;
    if (t == head) {
      grow();
    }
  }

  /** Removes and returns the oldest element; the queue must not be empty. */
  final Object readyPoll() {
    Object f = front;
    if (f != null) {
      front = null;
      return f;
    }
    return ringPoll();
  }

  private Object ringPoll() {
    Object item = items[head];
    dropHead();
    return item;
  }

  /** Clears the oldest slot and advances past it (out of poll: each under 35 bytecode bytes). */
  private void dropHead() {
    Object[] a = items;
    int h = head;
    a[h] = null;
    if (++h == a.length) {
      h = 0;
    }
    head = h;
  }

  final int readySize() {
    return ringSize() + (front != null ? 1 : 0);
  }

  private int ringSize() {
    int s = tail - head;
    return s < 0 ? s + items.length : s;
  }

  final boolean readyIsEmpty() {
    return front == null && head == tail;
  }

  /** The element {@code k} places before the newest one (0: the newest); k must be below size. */
  final Object readyFromNewest(int k) {
    if (k >= ringSize()) {
      return front; // the oldest
    }
    int i = tail - 1 - k;
    return items[i < 0 ? i + items.length : i];
  }

  /** The length of the ring's array, for tests. */
  final int readyCapacity() {
    return items.length;
  }

  final void readyClear() {
    front = null;
    Arrays.fill(items, null);
    head = 0;
    tail = 0;
  }

  /** The array is full (tail caught up with head): grows it by half, oldest element first. */
  private void grow() {
    Object[] a = items;
    int n = a.length;
    Object[] b = new Object[n + (n >> 1)];
    System.arraycopy(a, head, b, 0, n - head);
    System.arraycopy(a, 0, b, n - head, head);
    items = b;
    head = 0;
    tail = n;
  }
}
