package org.asyncio4j;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A first-in, first-out queue for coroutines: Python's {@code asyncio.Queue} (3.13, with {@link
 * #shutdown(boolean)}).
 *
 * <pre>{@code
 * Queue<String> queue = new Queue<>(5);       // at most 5 items; 0 (or less) = unbounded
 * Await.of(queue.put(item));                   // waits while the queue is full
 * String item = Await.of(queue.get());         // waits while it is empty
 * queue.taskDone();                            // one item fully processed
 * Await.of(queue.join());                      // until every item put was processed
 * }</pre>
 *
 * <p>Tasks blocked in {@link #get()} or {@link #put(Object)} are woken in the order they started
 * waiting, one per item (or free slot). A waiter woken whose turn was taken by a non-waiting call
 * (for example {@link #getNowait()}) goes back to the <em>head</em> of the waiters. Cancellation
 * never loses or duplicates an item: a get or put that ends with {@link CancelledError} has taken
 * or added nothing, and a waiter cancelled after being woken passes the wake-up on to the next one.
 *
 * <p><b>Allocation-free fast paths.</b> {@link #put(Object)} into a queue that is not full adds the
 * item during the call and returns a shared completed awaitable. {@link #get()} on a non-empty
 * queue removes the head item during the call and returns a completed awaitable holding it; the
 * queue reuses that holder once its value has been read, so a steady stream of immediate gets
 * allocates nothing (see {@link #get()} for the one rule this implies). A get or put that must
 * wait allocates nothing in steady state either: the queue recycles its coroutine and its waiter
 * future (the queue binds to the running loop on the first such wait), which is why a blocked
 * get or put, like a Python coroutine, must be awaited once (see {@link #get()}).
 *
 * <p>{@code null} items are allowed in {@code Queue} and {@link LifoQueue} (Python's {@code None}
 * sentinel idiom), but {@link #shutdown()} is the clean way to stop consumers.
 *
 * @param <T> the type of the items
 */
public class Queue<T> extends LoopBound {
  /** Stands for a null item in the deque, which refuses nulls. */
  private static final Object NULL = new Object();

  private final int maxsize;

  /** The items of a FIFO or LIFO queue; null for queues that store items elsewhere. */
  final ArrayDeque<Object> items;

  /** Tasks waiting for an item, FIFO; a woken getter is removed from here when woken. */
  private final WaiterQueue getters = new WaiterQueue();

  /** Tasks waiting for a free slot, FIFO; a woken putter is removed from here when woken. */
  private final WaiterQueue putters = new WaiterQueue();

  /** Tasks in join(), released when the unfinished count drops to zero. */
  private ArrayDeque<Future<Void>> joiners;

  private int unfinished;
  private boolean isShutdown;

  /** The reusable completed awaitable of get()'s fast path. */
  private Ready<T> ready;

  /**
   * The last blocked get and put that completed, reused (with their waiter futures) by the next
   * get or put that must wait once their task has dropped them: a consumer that waits for every
   * item (a queue of maxsize 1) then allocates nothing per item.
   */
  private Getting spareGetting;

  private Putting sparePutting;

  /**
   * The last waiter futures of blocked gets and puts awaited directly whose wait ended, reused by
   * the next ones ({@link Waiter}).
   */
  private Waiter spareGetWaiter;

  private Waiter sparePutWaiter;

  /** An unbounded queue. */
  public Queue() {
    this(0);
  }

  /**
   * A queue holding at most {@code maxsize} items; {@code maxsize <= 0} means unbounded (as in
   * Python).
   */
  public Queue(int maxsize) {
    this(maxsize, true);
  }

  Queue(int maxsize, boolean usesDeque) {
    this.maxsize = maxsize;
    this.items = usesDeque ? new ArrayDeque<>() : null;
  }

  // ---------------------------------------------------------------------------------------------
  // Storage, overridden by LifoQueue and PriorityQueue (Python's _put/_get/_qsize).

  /** Stores an item (the queue has room). */
  void store(T item) {
    items.addLast(item == null ? NULL : item);
  }

  /** Removes and returns the next item (the queue is not empty). */
  T take() {
    return unmask(items.pollFirst());
  }

  /** The number of stored items. */
  int size() {
    return items.size();
  }

  /** The stored items in removal order, for {@code toString}. */
  List<Object> snapshot() {
    List<Object> list = new ArrayList<>(items.size());
    for (Object o : items) {
      list.add(o == NULL ? null : o);
    }
    return list;
  }

  @SuppressWarnings("unchecked")
  static <T> T unmask(Object o) {
    return o == NULL ? null : (T) o;
  }

  // ---------------------------------------------------------------------------------------------
  // State.

  /** The maximum number of items; 0 (or less) for an unbounded queue. */
  public int maxsize() {
    return maxsize;
  }

  /** The number of items in the queue. */
  public int qsize() {
    return size();
  }

  /** Whether the queue holds no item. */
  public boolean isEmpty() {
    return size() == 0;
  }

  /** Whether the queue holds {@link #maxsize()} items (never true for an unbounded queue). */
  public boolean isFull() {
    return maxsize > 0 && size() >= maxsize;
  }

  // ---------------------------------------------------------------------------------------------
  // Putting and getting.

  /**
   * Puts {@code item} into the queue, waiting while it is full.
   *
   * <p>If the queue is not full (and not shut down), the item is added during this call and the
   * result is a shared completed awaitable (no allocation). Otherwise the returned coroutine, when
   * awaited, waits for a free slot behind earlier putters, then adds the item. It fails with {@link
   * QueueShutDown} if the queue is shut down (also while waiting). If the waiting task is
   * cancelled, the item is not added. Await it once: like a blocked {@link #get()}'s, the coroutine
   * is recycled (a re-await of a kept reference fails, except as described there, where it adds the
   * later put's item and that put's own await fails).
   */
  public Coroutine<Void> put(T item) {
    if (!isShutdown && !isFull()) {
      putNowait(item);
      return Coroutine.done();
    }
    return blockedPut(item);
  }

  /**
   * The coroutine of a put that must wait (kept out of put): the spare one if it can be reused (it
   * stays the spare: a handed-out one is not {@code recyclable()} until it is done again).
   */
  private Coroutine<Void> blockedPut(T item) {
    Putting p = sparePutting;
    if (p != null && p.recyclable()) {
      p.rearm(item);
    } else {
      p = new Putting(item);
    }
    if (EventLoop.debugLoopsRunning == 0) {
      p.status = Coroutine.LEAF; // awaited directly, it runs without being pushed (awaitDirectly)
    }
    return p;
  }

  /**
   * Puts {@code item} into the queue without waiting.
   *
   * @throws QueueFull if the queue is full
   * @throws QueueShutDown if the queue is shut down
   */
  public void putNowait(T item) {
    if (isShutdown || isFull()) {
      throw cannotPut(); // out of line: keeps putNowait small enough to inline
    }
    store(item);
    unfinished++;
    wakeNext(getters);
  }

  /**
   * Removes and returns the next item, waiting while the queue is empty.
   *
   * <p>If the queue holds an item, it is removed during this call and the result is an already
   * completed awaitable holding it: awaiting it never suspends. That awaitable is read-once: the
   * queue reuses it for a later immediate get once its value has been read (awaited, or {@link
   * Future#result()}), which is what makes immediate gets allocation-free. Await it (or read it)
   * once, as a Python coroutine is awaited once; pass it to {@link Asyncio#ensureFuture} if a task
   * is needed. Holders whose value was never read are never reused.
   *
   * <p>If the queue is empty, the returned coroutine, when awaited, waits for an item behind
   * earlier getters, then removes it. It fails with {@link QueueShutDown} if the queue is shut down
   * and empty (also while waiting). If the waiting task is cancelled, no item is taken. Awaited
   * directly ({@code Await.of(queue.get())}) it runs in the await itself, with no coroutine of its
   * own on the task's chain (a task dump says the task waits in {@code Queue.get()}).
   *
   * <p>Await it once, as a Python coroutine. Once it is done (awaited, or run by a task that
   * finished) the queue hands the same object out again for its next get that must wait, so that
   * blocked gets allocate nothing. Awaiting a kept reference again fails with {@link
   * IllegalStateException} ("cannot await coroutine Queue.get() again") while it is done or run by
   * another task; between such a later {@code get()} and that get's own await it is not detected:
   * the stale await performs the later get (takes the next item) and the later get's await then
   * fails. Debug mode recycles nothing.
   */
  public Awaitable<T> get() {
    if (!isEmpty()) {
      T item = take();
      wakeNext(putters);
      return ready(item);
    }
    return blockedGet();
  }

  /**
   * The coroutine of a get that must wait (kept out of get): the spare one if it can be reused (it
   * stays the spare: a handed-out one is not {@code recyclable()} until it is done again).
   */
  private Coroutine<T> blockedGet() {
    Getting g = spareGetting;
    if (g != null && g.recyclable()) {
      g.rearm();
      g.again = false;
    } else {
      g = new Getting();
    }
    if (EventLoop.debugLoopsRunning == 0) {
      g.status = Coroutine.LEAF; // awaited directly, it runs without being pushed (awaitDirectly)
    }
    return g;
  }

  /**
   * Removes and returns the next item without waiting.
   *
   * @throws QueueEmpty if the queue is empty
   * @throws QueueShutDown if the queue is empty and shut down
   */
  public T getNowait() {
    if (isEmpty()) {
      if (isShutdown) {
        throw new QueueShutDown("get from an empty queue that was shut down");
      }
      throw new QueueEmpty("the queue is empty");
    }
    T item = take();
    wakeNext(putters);
    return item;
  }

  private RuntimeException cannotPut() {
    if (isShutdown) {
      return new QueueShutDown("put into a queue that was shut down");
    }
    return new QueueFull("the queue is full (maxsize " + maxsize + ")");
  }

  // ---------------------------------------------------------------------------------------------
  // Tracking work: taskDone / join.

  /**
   * Marks one item taken from the queue as processed; when every item put has been processed,
   * {@link #join()} returns.
   *
   * @throws IllegalArgumentException if called more times than items were put (Python's ValueError)
   */
  public void taskDone() {
    if (unfinished <= 0) {
      throw new IllegalArgumentException("taskDone() called too many times");
    }
    unfinished--;
    if (unfinished == 0) {
      wakeAll(joiners, null);
    }
  }

  /**
   * Waits until every item put into the queue has been processed ({@link #taskDone()} called once
   * per item), or the queue is shut down immediately. Returns a shared completed awaitable if
   * nothing is unfinished now.
   */
  public Coroutine<Void> join() {
    if (unfinished == 0) {
      return Coroutine.done();
    }
    return new Joining();
  }

  // ---------------------------------------------------------------------------------------------
  // Shutting down (3.13).

  /** {@code shutdown(false)}: see {@link #shutdown(boolean)}. */
  public void shutdown() {
    shutdown(false);
  }

  /**
   * Shuts the queue down (Python 3.13): every put, waiting or future, fails with {@link
   * QueueShutDown}. With {@code immediate} false, gets keep returning the remaining items and fail
   * with {@code QueueShutDown} once the queue is empty; {@link #join()} still needs a {@link
   * #taskDone()} per item. With {@code immediate} true, the queue is emptied at once (each removed
   * item counts as done), waiting getters fail, and {@link #join()} callers are released.
   */
  public void shutdown(boolean immediate) {
    isShutdown = true;
    if (immediate) {
      while (!isEmpty()) {
        take();
        if (unfinished > 0) {
          unfinished--;
        }
      }
      if (unfinished == 0) {
        wakeAll(joiners, null);
      }
    }
    // Every waiter re-checks the queue and raises QueueShutDown where it must.
    while (wakeNext(getters)) {
      // wake them all
    }
    while (wakeNext(putters)) {
      // wake them all
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Wakes the first waiter of {@code waiters} that is not done (a {@link Waiter} is scheduled to
   * take its turn, any other waiter future completed); false if there is none. Small enough to
   * inline everywhere (every put and get calls it): the wake-up itself is out of line.
   */
  private static boolean wakeNext(WaiterQueue waiters) {
    return !waiters.isEmpty() && wakeFirst(waiters);
  }

  private static boolean wakeFirst(WaiterQueue waiters) {
    for (Future<Void> w; (w = waiters.pollFirst()) != null; ) {
      if (!w.isDone()) {
        if (w instanceof Queue<?>.Waiter) {
          ((Queue<?>.Waiter) w).wake();
        } else {
          w.setResult(null);
        }
        return true;
      }
    }
    return false;
  }

  /**
   * A waiter for {@code t}'s blocked get or put awaited directly: the spare one if it belongs to
   * {@code t}'s loop, else a new one (binding the queue to that loop on first use).
   */
  private Waiter waiterFor(Task<?> t, boolean put) {
    EventLoop running = t.loop;
    Waiter w = put ? sparePutWaiter : spareGetWaiter;
    if (w != null && !w.busy && w.loop == running) {
      w.rearm(); // it stays the spare (no store): busy until its wait is over
    } else {
      bind(running);
      w = new Waiter(running, put);
      if (put) {
        sparePutWaiter = w;
      } else {
        spareGetWaiter = w;
      }
    }
    w.busy = true;
    w.task = t;
    return w;
  }

  /** The completed awaitable of an immediate get, reusing the holder when its value was read. */
  private Awaitable<T> ready(T item) {
    EventLoop running = EventLoop.current();
    if (running == null) {
      return Coroutine.of(item);
    }
    Ready<T> r = ready;
    if (r != null && r.consumed && r.getLoop() == running) {
      r.value = item;
      r.consumed = false;
      return r;
    }
    r = new Ready<>(running, item);
    ready = r;
    return r;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("<").append(getClass().getSimpleName());
    sb.append(" maxsize=").append(maxsize);
    if (!isEmpty()) {
      sb.append(" _queue=").append(snapshot());
    }
    if (!getters.isEmpty()) {
      sb.append(" _getters[").append(getters.size()).append(']');
    }
    if (!putters.isEmpty()) {
      sb.append(" _putters[").append(putters.size()).append(']');
    }
    if (unfinished > 0) {
      sb.append(" tasks=").append(unfinished);
    }
    if (isShutdown) {
      sb.append(" shutdown");
    }
    return sb.append('>').toString();
  }

  /** Waiting getters (not yet woken), for tests. */
  int waitingGetters() {
    return getters.size();
  }

  /** Waiting putters (not yet woken), for tests. */
  int waitingPutters() {
    return putters.size();
  }

  /**
   * A completed future holding the item of an immediate get. Reading its value (await or result())
   * marks it consumed, after which the queue may reuse it.
   */
  static final class Ready<T> extends Future<T> {
    boolean consumed;

    Ready(EventLoop loop, T item) {
      super(loop);
      value = item;
      state = FINISHED;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T result() {
      consumed = true;
      return (T) value;
    }
  }

  /** The coroutine of a {@link #get()} that found the queue empty. */
  private final class Getting extends Coroutine<T> {
    private Future<Void> waiter;

    /** Woken but the item was taken by someone else: wait again at the head. */
    private boolean again;

    @Override
    protected void resume() {
      for (; ; ) {
        switch (label) {
          case 0:
            if (!isEmpty()) {
              T item = take();
              wakeNext(putters);
              if (waiter != null) {
                spareGetting = this; // it waited: reusable once its task has read the item
              }
              complete(item);
              return;
            }
            if (isShutdown) {
              throw new QueueShutDown("get from an empty queue that was shut down");
            }
            waiter = reuseWaiter(waiter, task.loop);
            if (again) {
              getters.addFirst(waiter);
            } else {
              getters.addLast(waiter);
            }
            if (!await(waiter, 1)) {
              return;
            }
            // fall through: the waiter was pending, so this is not reached
          case 1:
            try {
              awaitResult();
            } catch (Throwable t) {
              getters.remove(waiter); // still there if cancelled before being woken
              if (!isEmpty() && !waiter.isCancelled()) {
                wakeNext(getters); // we were woken for an item we will not take
              }
              throw t;
            }
            again = true;
            label = 0;
            continue;
          default:
            throw new IllegalStateException("bad label " + label);
        }
      }
    }

    /**
     * Python's get() run for the awaiting coroutine's await (by its task's step, {@code
     * Task.awaitLeaf}), without this coroutine being pushed: takes an item if there is one, else
     * queues a {@link Waiter} and suspends the task on it (the waiter re-checks at the task's
     * turn). This object is spent at once: awaiting it again fails, and it serves the next blocked
     * get.
     */
    @Override
    boolean awaitDirectly(Coroutine<?> caller) {
      status = DONE;
      if (spareGetting != this) {
        spareGetting = this;
      }
      if (!isEmpty()) {
        result = take();
        wakeNext(putters);
        caller.awaiting = this;
        return true;
      }
      if (isShutdown) {
        failure = new QueueShutDown("get from an empty queue that was shut down");
        caller.awaiting = this;
        return true;
      }
      Task<?> t = caller.task;
      Waiter w = waiterFor(t, false);
      getters.addLast(w);
      caller.awaiting = w;
      t.suspendOn(w);
      return false;
    }

    @Override
    protected String describe() {
      return "Queue.get()";
    }
  }

  /** The coroutine of a {@link #put(Object)} that found the queue full or shut down. */
  private final class Putting extends Coroutine<Void> {
    private T item;
    private Future<Void> waiter;

    /** Woken but the slot was taken by someone else: wait again at the head. */
    private boolean again;

    Putting(T item) {
      this.item = item;
    }

    void rearm(T item) {
      rearm();
      this.item = item;
      again = false;
    }

    @Override
    protected void resume() {
      for (; ; ) {
        switch (label) {
          case 0:
            if (isShutdown) {
              throw new QueueShutDown("put into a queue that was shut down");
            }
            if (!isFull()) {
              putNowait(item);
              if (waiter != null) {
                item = null; // the queue holds it now
                sparePutting = this; // it waited: reusable once its task has moved on
              }
              complete(null);
              return;
            }
            waiter = reuseWaiter(waiter, task.loop);
            if (again) {
              putters.addFirst(waiter);
            } else {
              putters.addLast(waiter);
            }
            if (!await(waiter, 1)) {
              return;
            }
            // fall through: the waiter was pending, so this is not reached
          case 1:
            try {
              awaitResult();
            } catch (Throwable t) {
              putters.remove(waiter); // still there if cancelled before being woken
              if (!isFull() && !waiter.isCancelled()) {
                wakeNext(putters); // we were woken for a slot we will not fill
              }
              throw t;
            }
            again = true;
            label = 0;
            continue;
          default:
            throw new IllegalStateException("bad label " + label);
        }
      }
    }

    /** Python's put() run for the awaiting coroutine's await: see {@link Getting#awaitDirectly}. */
    @Override
    boolean awaitDirectly(Coroutine<?> caller) {
      status = DONE;
      T it = item;
      item = null;
      if (sparePutting != this) {
        sparePutting = this;
      }
      if (isShutdown) {
        failure = new QueueShutDown("put into a queue that was shut down");
        caller.awaiting = this;
        return true;
      }
      if (!isFull()) {
        putNowait(it);
        caller.awaiting = this;
        return true;
      }
      Task<?> t = caller.task;
      Waiter w = waiterFor(t, true);
      w.item = it;
      putters.addLast(w);
      caller.awaiting = w;
      t.suspendOn(w);
      return false;
    }

    @Override
    protected String describe() {
      // Once the queue holds the item, the coroutine does not keep it alive (it may be reused).
      return "Queue.put(" + (status == DONE && item == null ? "..." : item) + ")";
    }
  }

  /**
   * The waiter future of a blocked get or put awaited directly ({@link Getting#awaitDirectly}):
   * the task waits on it without a coroutine of the queue's own on its chain. Python's get() and
   * put() loop ({@code while empty/full: await waiter}) runs here at the task's turn:
   *
   * <ul>
   *   <li>a wake-up ({@link #wake()}) marks it done (from then on a cancellation is delivered at
   *       the task's next step, as for asyncio's done waiter future) and schedules it where asyncio
   *       schedules the woken task;
   *   <li>at that turn ({@link #run()}) it re-checks the queue: it takes the item (or adds its
   *       own), or, if another call took the turn, waits again at the head; if the task was
   *       cancelled after the wake-up it leaves and passes the wake-up on; then it runs the task's
   *       step at once, which reads the result in the coroutine's await.
   * </ul>
   *
   * <p>Its result is the item taken (a get), or null (a put). It is reused once the step that read
   * it is over.
   */
  final class Waiter extends Future<Void> implements Runnable {
    private final boolean put;

    /** The waiting task. */
    Task<?> task;

    /** The item of a put, until it is added. */
    T item;

    /** In use: from {@link #waiterFor} until its task's step read its result. */
    boolean busy;

    Waiter(EventLoop loop, boolean put) {
      super(loop);
      this.put = put;
    }

    /** Woken (popped from its waiter queue): its turn comes in the next loop iteration. */
    void wake() {
      state = FINISHED;
      loop.scheduleRunnable(this);
    }

    /** Cancelling a waiting (not woken) get or put: it leaves the waiter queue at once. */
    @Override
    public boolean cancel(String msg) {
      if (!super.cancel(msg)) {
        return false; // woken: the task's next step delivers the cancellation
      }
      (put ? putters : getters).remove(this);
      item = null; // a cancelled put adds nothing
      task = null;
      return true;
    }

    /** The task's turn after a wake-up. */
    @Override
    public void run() {
      Task<?> t = task;
      if (t == null || state != FINISHED) {
        return; // not woken (cannot happen): nothing to do
      }
      try {
        if (put ? putWaitsAgain(t) : getWaitsAgain(t)) {
          return;
        }
      } catch (Throwable e) {
        error = e; // a put whose item the queue refuses (a PriorityQueue comparing it): the await's
      }
      task = null;
      item = null;
      // Free from here: the step starts by reading the result in the task's await (a coroutine's
      // continuation begins with awaitResult()), so the same task's next wait may reuse it.
      busy = false;
      t.step();
      Waiter spare = put ? sparePutWaiter : spareGetWaiter;
      if (spare != this && (spare == null || spare.busy)) {
        if (put) {
          sparePutWaiter = this;
        } else {
          spareGetWaiter = this;
        }
      }
    }

    /** Python's get() loop after {@code await getter}: takes the item, or true to wait again. */
    private boolean getWaitsAgain(Task<?> t) {
      if (t.cancelPending()) {
        if (!isEmpty()) {
          wakeNext(getters); // woken for an item it will not take
        }
        return false; // the step raises the CancelledError at the await
      }
      if (!isEmpty()) {
        value = take();
        wakeNext(putters);
        return false;
      }
      if (isShutdown) {
        error = new QueueShutDown("get from an empty queue that was shut down");
        return false;
      }
      state = PENDING; // another call took the item: wait again, at the head
      getters.addFirst(this);
      return true;
    }

    /** Python's put() loop after {@code await putter}: adds the item, or true to wait again. */
    private boolean putWaitsAgain(Task<?> t) {
      if (t.cancelPending()) {
        if (!isFull()) {
          wakeNext(putters); // woken for a slot it will not fill
        }
        return false;
      }
      if (isShutdown) {
        error = new QueueShutDown("put into a queue that was shut down");
        return false;
      }
      if (!isFull()) {
        putNowait(item);
        return false;
      }
      state = PENDING; // another call took the slot: wait again, at the head
      putters.addFirst(this);
      return true;
    }

    /** What the task waits in, for task dumps. */
    String describe() {
      return put ? "Queue.put(" + item + ")" : "Queue.get()";
    }

    /**
     * The frame of the wait in task stacks and dumps: the one a {@link Getting} or {@link Putting}
     * coroutine shows when the get or put runs as a coroutine (as a task, or in debug mode).
     */
    StackTraceElement frame() {
      String cls = (put ? Putting.class : Getting.class).getName();
      return new StackTraceElement(cls, "resume", describe(), -1);
    }
  }

  /** The coroutine of {@link #join()} while items are unfinished. */
  private final class Joining extends Coroutine<Void> {
    private Future<Void> waiter;

    @Override
    protected void resume() {
      switch (label) {
        case 0:
          if (unfinished == 0) {
            complete(null);
            return;
          }
          waiter = newWaiter(task.loop);
          if (joiners == null) {
            joiners = new ArrayDeque<>();
          }
          joiners.addLast(waiter);
          if (!await(waiter, 1)) {
            return;
          }
          // fall through: the waiter was pending, so this is not reached
        case 1:
          try {
            awaitResult();
          } finally {
            joiners.remove(waiter);
          }
          complete(null);
          return;
        default:
          throw new IllegalStateException("bad label " + label);
      }
    }

    @Override
    protected String describe() {
      return "Queue.join()";
    }
  }
}
