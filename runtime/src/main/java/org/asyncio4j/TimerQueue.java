package org.asyncio4j;

import java.util.Arrays;

/**
 * The loop's timers: a binary min-heap ordered by (deadline, scheduling sequence), so timers with
 * equal deadlines fire in the order they were scheduled. Cancelled timers are removed at once
 * (each handle knows its heap index), so the heap never fills with dead entries.
 */
final class TimerQueue {
  private TimerHandle[] heap = new TimerHandle[16];
  private int size;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  TimerHandle peek() {
    return size == 0 ? null : heap[0];
  }

  void add(TimerHandle t) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    int i = size++;
    heap[i] = t;
    t.heapIndex = i;
    siftUp(i);
  }

  TimerHandle poll() {
    if (size == 0) {
      return null;
    }
    TimerHandle top = heap[0];
    removeAt(0);
    return top;
  }

  void remove(TimerHandle t) {
    int i = t.heapIndex;
    if (i >= 0 && i < size && heap[i] == t) {
      removeAt(i);
    }
  }

  private void removeAt(int i) {
    TimerHandle removed = heap[i];
    removed.heapIndex = -1;
    int last = --size;
    if (i == last) {
      heap[last] = null;
      return;
    }
    TimerHandle moved = heap[last];
    heap[last] = null;
    heap[i] = moved;
    moved.heapIndex = i;
    siftDown(i);
    if (heap[i] == moved) {
      siftUp(i);
    }
  }

  private void siftUp(int i) {
    TimerHandle t = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      TimerHandle p = heap[parent];
      if (!t.isBefore(p)) {
        break;
      }
      heap[i] = p;
      p.heapIndex = i;
      i = parent;
    }
    heap[i] = t;
    t.heapIndex = i;
  }

  private void siftDown(int i) {
    TimerHandle t = heap[i];
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      TimerHandle c = heap[child];
      int right = child + 1;
      if (right < size && heap[right].isBefore(c)) {
        child = right;
        c = heap[child];
      }
      if (!c.isBefore(t)) {
        break;
      }
      heap[i] = c;
      c.heapIndex = i;
      i = child;
    }
    heap[i] = t;
    t.heapIndex = i;
  }

  /** Removes every timer (loop close). */
  void clear() {
    for (int i = 0; i < size; i++) {
      heap[i].heapIndex = -1;
      heap[i] = null;
    }
    size = 0;
  }
}
