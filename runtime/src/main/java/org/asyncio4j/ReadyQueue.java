package org.asyncio4j;

import java.util.Arrays;

/**
 * The loop's ready queue: callbacks and tasks in FIFO order, in a ring buffer. Smaller than {@link
 * java.util.ArrayDeque} on the hot path (no null test on the poll of an element the loop counted,
 * no shared JDK profile) and only what the loop needs. It grows by half, as {@code ArrayDeque}
 * does, not to powers of two: an array of 2^17 references (100k ready tasks) would be a G1
 * humongous object taking a whole heap region (a parked task measured 153 B instead of 147). Not
 * thread-safe: used by the loop's thread only.
 *
 * <p>{@link EventLoop}'s superclass, not an object it holds: the ring's indexes and array are then
 * fields of the loop itself, one dependent load closer on the path of every task switch (after a
 * step, the task goes back into the array that the loop reads next; with the queue an object of its
 * own, that store's address waited for one more load). About 0.8 ns per {@code sleep(0)}, 0.5 ns
 * per ping-pong switch (docs/performance.md, R27). Its methods carry the queue's name so that they
 * read as such in the loop.
 */
abstract class ReadyQueue {
  private Object[] items = new Object[16];
  /** Index of the oldest element. */
  private int head;
  /** Index where the next element goes; equal to head when empty (never when full: it grows). */
  private int tail;

  final void readyAdd(Object item) {
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
    int s = tail - head;
    return s < 0 ? s + items.length : s;
  }

  final boolean readyIsEmpty() {
    return head == tail;
  }

  /** The element {@code k} places before the newest one (0: the newest); k must be below size. */
  final Object readyFromNewest(int k) {
    int i = tail - 1 - k;
    return items[i < 0 ? i + items.length : i];
  }

  /** The length of the backing array, for tests. */
  final int readyCapacity() {
    return items.length;
  }

  final void readyClear() {
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
