package org.asyncio4j;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A priority queue: Python's {@code asyncio.PriorityQueue}. Gets return the lowest item first: by
 * natural order (items must be {@link Comparable}), or by the {@link Comparator} given to the
 * constructor. Items comparing equal come out in no particular order, as with Python's {@code
 * heapq}. Everything else (bounds, waiting, {@code taskDone}/{@code join}, shutdown,
 * allocation-free immediate puts and gets) is as in {@link Queue}. {@code null} items are refused
 * ({@link NullPointerException}).
 *
 * @param <T> the type of the items
 */
public class PriorityQueue<T> extends Queue<T> {
  private final java.util.PriorityQueue<T> heap;

  /** An unbounded priority queue of {@link Comparable} items. */
  public PriorityQueue() {
    this(0, null);
  }

  /**
   * A priority queue of {@link Comparable} items holding at most {@code maxsize} ({@code <= 0}:
   * unbounded).
   */
  public PriorityQueue(int maxsize) {
    this(maxsize, null);
  }

  /** An unbounded priority queue ordered by {@code comparator}. */
  public PriorityQueue(Comparator<? super T> comparator) {
    this(0, Objects.requireNonNull(comparator, "comparator"));
  }

  /**
   * A priority queue holding at most {@code maxsize} items ({@code <= 0}: unbounded), ordered by
   * {@code comparator}, or by the items' natural order if it is null.
   */
  public PriorityQueue(int maxsize, Comparator<? super T> comparator) {
    super(maxsize, false);
    this.heap = new java.util.PriorityQueue<>(comparator);
  }

  @Override
  void store(T item) {
    Objects.requireNonNull(item, "a PriorityQueue cannot hold null");
    heap.add(item);
  }

  @Override
  T take() {
    return heap.poll();
  }

  @Override
  int size() {
    return heap.size();
  }

  @Override
  List<Object> snapshot() {
    return new ArrayList<>(heap); // heap order, like Python's repr of the heap list
  }
}
