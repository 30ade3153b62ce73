package org.asyncio4j;

import java.util.Arrays;

/**
 * The loop's ready queue: callbacks and tasks in FIFO order, a ring buffer whose capacity is a
 * power of two. Smaller than {@link java.util.ArrayDeque} on the hot path (an add and a poll are a
 * mask each, no null test on the poll of an element the loop counted, no shared JDK profile) and
 * only what the loop needs. Not thread-safe: used by the loop's thread only.
 */
final class ReadyQueue {
  private Object[] items = new Object[16];
  /** Index of the oldest element. */
  private int head;
  /** Index where the next element goes. */
  private int tail;

  void add(Object item) {
    Object[] a = items;
    int t = tail;
    a[t] = item;
    t = (t + 1) & (a.length - 1);
    tail = t;
    if (t == head) {
      grow();
    }
  }

  /** Removes and returns the oldest element; the queue must not be empty. */
  Object poll() {
    Object[] a = items;
    int h = head;
    Object item = a[h];
    a[h] = null;
    head = (h + 1) & (a.length - 1);
    return item;
  }

  int size() {
    return (tail - head) & (items.length - 1);
  }

  boolean isEmpty() {
    return head == tail;
  }

  /** The element {@code k} places before the newest one (0: the newest); k must be below size. */
  Object fromNewest(int k) {
    return items[(tail - 1 - k) & (items.length - 1)];
  }

  void clear() {
    Arrays.fill(items, null);
    head = 0;
    tail = 0;
  }

  /** The array is full (tail caught up with head): doubles it, oldest element first. */
  private void grow() {
    Object[] a = items;
    int n = a.length;
    Object[] b = new Object[n << 1];
    System.arraycopy(a, head, b, 0, n - head);
    System.arraycopy(a, 0, b, n - head, head);
    items = b;
    head = 0;
    tail = n;
  }
}
