package org.asyncio4j;

import java.util.ArrayDeque;

/**
 * The FIFO of a queue's getters or putters. The first waiter sits in a field, the others (rare) in
 * a deque: a get or put that waits again and again with the same reused waiter (a maxsize-1
 * queue) then stores no object reference here in steady state (each such store into a long-lived
 * object costs a GC write barrier).
 */
final class WaiterQueue {
  /** The first waiter while {@link #hasFirst}; afterwards the last one, kept to spare stores. */
  private Future<Void> first;

  private boolean hasFirst;

  /** The waiters after the first, oldest first; created when a second one waits. */
  private ArrayDeque<Future<Void>> rest;

  boolean isEmpty() {
    return !hasFirst;
  }

  int size() {
    return !hasFirst ? 0 : rest == null ? 1 : 1 + rest.size();
  }

  void addLast(Future<Void> w) {
    if (hasFirst) {
      rest().addLast(w);
    } else {
      setFirst(w);
    }
  }

  /** Adds {@code w} ahead of every waiter (a woken waiter that waits again keeps its turn). */
  void addFirst(Future<Void> w) {
    if (hasFirst) {
      rest().addFirst(first);
    }
    setFirst(w);
  }

  /** Removes and returns the first waiter, or null if there is none. */
  Future<Void> pollFirst() {
    if (!hasFirst) {
      return null;
    }
    Future<Void> w = first;
    Future<Void> next = rest == null ? null : rest.pollFirst();
    if (next != null) {
      first = next;
    } else {
      hasFirst = false;
    }
    return w;
  }

  /** Removes {@code w} if it waits here. */
  boolean remove(Future<Void> w) {
    if (hasFirst && first == w) {
      pollFirst();
      return true;
    }
    return rest != null && rest.remove(w);
  }

  private void setFirst(Future<Void> w) {
    if (first != w) {
      first = w;
    }
    hasFirst = true;
  }

  private ArrayDeque<Future<Void>> rest() {
    ArrayDeque<Future<Void>> r = rest;
    if (r == null) {
      rest = r = new ArrayDeque<>();
    }
    return r;
  }
}
