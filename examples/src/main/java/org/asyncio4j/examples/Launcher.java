package org.asyncio4j.examples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.asyncio4j.RunOptions;

/**
 * Runs the example programs: {@code java -jar examples/target/asyncio4j-examples.jar} lists them,
 * {@code ... NAME [args]} runs one, {@code --virtual-time} runs it on the virtual clock.
 */
public final class Launcher {
  /** An example program: its name, what it shows, and its entry point. */
  public record Example(String name, String description, Consumer<Options> main) {}

  /** How the launcher was asked to run an example. */
  public record Options(boolean virtualTime, List<String> args) {
    /** The options for {@code Asyncio.run}: virtual time if {@code --virtual-time} was given. */
    public RunOptions runOptions() {
      return RunOptions.create().virtualTime(virtualTime);
    }
  }

  private static final Map<String, Example> EXAMPLES = new LinkedHashMap<>();

  static {
    // The tutorials' programs, in the order the tutorials show them.
    // S000: "Running Your First Async Program: From First Principles to Practical Implementation".
    register(new Example("HelloWorld", "hello_world(): Hello, a 1 s pause, World (S000)",
        o -> HelloWorld.run(o.runOptions())));
    register(new Example("SayAfterGather", "gather(say(1..4)): 4 s in all, not 10 (S000)",
        o -> SayAfterGather.run(o.runOptions())));
    register(new Example("TaskTimestamps",
        "three gathered tasks with time stamps; results in argument order (S000)",
        o -> TaskTimestamps.run(o.runOptions())));
    register(new Example("FetchUrls",
        "HttpSession: three URLs fetched concurrently [urls...] (S000)",
        o -> FetchUrls.run(o.runOptions(), o.args())));
    register(new Example("SyncVsAsyncFetch",
        "blocking fetches one by one vs concurrent HttpSession fetches [urls...] (S000)",
        o -> SyncVsAsyncFetch.run(o.runOptions(), o.args())));
    register(new Example("FetchErrorHandling",
        "per-fetch errors: HTTP status, client error, timeout [urls...] (S000)",
        o -> FetchErrorHandling.run(o.runOptions(), o.args())));
    register(new Example("SignalHandlingCancel",
        "Ctrl-C: a loop signal handler cancels all tasks; cleanup runs (S000)",
        o -> SignalHandlingCancel.run(o.runOptions())));
    register(new Example("TaskGroupResults",
        "TaskGroup: leaving the block waits for all three tasks (S000)",
        o -> TaskGroupResults.run(o.runOptions())));
    register(new Example("WaitForTimeout",
        "waitFor(slow_operation(), 2) raises TimeoutError (S000)",
        o -> WaitForTimeout.run(o.runOptions())));
    register(new Example("RunInExecutorCpuBound",
        "loop.runInExecutor(pool, cpu_bound_task) keeps the loop free (S000)",
        o -> RunInExecutorCpuBound.run(o.runOptions())));
    register(new Example("AsyncContextManager",
        "async with: a resource acquired and released with awaits (S000)",
        o -> AsyncContextManager.run(o.runOptions())));
    register(new Example("AsyncIterator",
        "async for over an async generator: values 0.5 s apart (S000)",
        o -> AsyncIterator.run(o.runOptions())));
    register(new Example("PitfallForgottenAwait",
        "a coroutine called without Await.of never runs (S000)",
        o -> PitfallForgottenAwait.run(o.runOptions())));
    register(new Example("PitfallBlockingLoop",
        "Thread.sleep in a coroutine blocks every task (S000)",
        o -> PitfallBlockingLoop.run(o.runOptions())));
    register(new Example("MixingSyncAsync",
        "a blocking HTTP call in a coroutine vs HttpSession [urls...] (S000)",
        o -> MixingSyncAsync.run(o.runOptions(), o.args())));
    register(new Example("ResourceCleanup",
        "an HttpSession closed by try-with-resources (async with) [url] (S000)",
        o -> ResourceCleanup.run(o.runOptions(), o.args())));
    register(new Example("WebScraper",
        "scraper: retries with backoff, links to depth 1, overall timeout [start url] (S000)",
        o -> WebScraper.run(o.runOptions(), o.args())));
    // S001: "Understanding Python's asyncio" (notebook).
    register(new Example("SyncVsAsyncOperations",
        "2+1+3 s of blocking sleeps vs three concurrent tasks (S001)",
        o -> SyncVsAsyncOperations.run(o.runOptions())));
    register(new Example("CoroutineObject",
        "calling a coroutine method creates a coroutine; awaiting runs it (S001)",
        o -> CoroutineObject.run(o.runOptions())));
    register(new Example("EventLoopRun",
        "Asyncio.run(coro) and the explicit loop.runUntilComplete(coro) + close() (S001)",
        o -> EventLoopRun.run(o.runOptions())));
    register(new Example("GatherAndCreateTask",
        "gather(task1(), task2()) vs createTask + await (S001)",
        o -> GatherAndCreateTask.run(o.runOptions())));
    register(new Example("TaskResults", "tasks A/B/C finish C, B, A; then task.result() (S001)",
        o -> TaskResults.run(o.runOptions())));
    register(new Example("TaskCancellation",
        "task.cancel() after 2 s; CancelledError caught and re-raised (S001)",
        o -> TaskCancellation.run(o.runOptions())));
    register(new Example("FutureDemo", "a Future whose result another task sets after 2 s (S001)",
        o -> FutureDemo.run(o.runOptions())));
    register(new Example("WaitFirstCompleted",
        "Asyncio.wait(FIRST_COMPLETED), then wait for the rest (S001)",
        o -> WaitFirstCompleted.run(o.runOptions())));
    register(new Example("TimeoutDemo",
        "waitFor(potentially_slow_operation(), 2): Operation timed out! (S001)",
        o -> TimeoutDemo.run(o.runOptions())));
    register(new Example("QueueDemo",
        "Queue(maxsize=5) with two producers, two consumers and join() (S001)",
        o -> QueueDemo.run(o.runOptions())));
    register(new Example("LockDemo",
        "try (lock): three workers update a shared list in turn (S001)",
        o -> LockDemo.run(o.runOptions())));
    register(new Example("FetchMultipleUrls",
        "three URLs fetched concurrently, results in order [urls...] (S001)",
        o -> FetchMultipleUrls.run(o.runOptions(), o.args())));
    register(new Example("FileIoDemo",
        "AsyncFiles: three files written, read and removed concurrently [dir] (S001)",
        o -> FileIoDemo.run(o.runOptions(), o.args())));
    register(new Example("EchoServer",
        "streams: an echo server on 127.0.0.1 [port, default 8888]; Ctrl-C stops it (S001)",
        o -> EchoServer.run(o.runOptions(), o.args())));
    register(new Example("WebCrawler",
        "rate-limited crawler: Queue frontier, Semaphore(1), 5 URLs [base url] (S001)",
        o -> WebCrawler.run(o.runOptions(), o.args())));
    register(new Example("ErrorHandlingDemo",
        "try/catch, gather(returnExceptions), done callbacks; random failures [seed] (S001)",
        o -> ErrorHandlingDemo.run(o.runOptions(), o.args())));
    register(new Example("DebugMode",
        "debug mode, task names, logging, currentTask(), allTasks() (S001)",
        o -> DebugMode.run(o.runOptions())));
    register(new Example("ScatterGather",
        "pattern 1: four 1 s items processed concurrently in 1 s (S001)",
        o -> ScatterGather.run(o.runOptions())));
    register(new Example("ProducerConsumer",
        "pattern 2: producers and consumers with a None sentinel (S001)",
        o -> ProducerConsumer.run(o.runOptions())));
    register(new Example("SemaphoreThrottling",
        "pattern 3: Semaphore(2) throttles five 1 s API calls to 3 s (S001)",
        o -> SemaphoreThrottling.run(o.runOptions())));
    register(new Example("DemonstratePatterns",
        "the three patterns in a row, as the notebook runs them: 5 s (S001)",
        o -> DemonstratePatterns.run(o.runOptions())));
    register(new Example("ShowPitfalls",
        "never-awaited coroutine, blocking computation, lost task exception (S001)",
        o -> ShowPitfalls.run(o.runOptions())));
    // S002: "Asynchronous Python".
    register(new Example("HelloAsyncWorld", "the event loop runs one coroutine (S002)",
        o -> HelloAsyncWorld.run(o.runOptions())));
    register(new Example("GreetWorld", "a coroutine with a parameter: Hello, World! (S002)",
        o -> GreetWorld.run(o.runOptions())));
    register(new Example("SayHello", "Waiting..., a 2 s await, Hello! (S002)",
        o -> SayHello.run(o.runOptions())));
    register(new Example("TwoTasksGather",
        "gather(task1(), task2()): started, started, finished, finished (S002)",
        o -> TwoTasksGather.run(o.runOptions())));
    register(new Example("CreateTaskAwait",
        "createTask then await each task (S002, its UnboundLocalError fixed)",
        o -> CreateTaskAwait.run(o.runOptions())));
    register(new Example("FaultyTask", "try/catch around an awaited coroutine that raises (S002)",
        o -> FaultyTask.run(o.runOptions())));
    register(new Example("SlowTaskTimeout", "waitFor(slow_task(), 2): Task timed out (S002)",
        o -> SlowTaskTimeout.run(o.runOptions())));
    // S003: "Introducing Asyncio in Python".
    register(new Example("GreetHashim", "greet(\"Hashim\") after a 1 s simulated I/O (S003)",
        o -> GreetHashim.run(o.runOptions())));
    register(new Example("RestaurantAsync", "one waiter, five tables, concurrently: 3 s (S003)",
        o -> RestaurantAsync.run(o.runOptions())));
    register(new Example("RestaurantSync", "one waiter, five tables, blocking: 15 s (S003)",
        o -> RestaurantSync.run()));
    register(new Example("ConcurrentHttpRequests",
        "five sites fetched concurrently; sizes or errors [urls...] (S003)",
        o -> ConcurrentHttpRequests.run(o.runOptions(), o.args())));
    register(new Example("ProcessData",
        "five items processed concurrently; All results: [2, 4, 6, 8, 10] (S003)",
        o -> ProcessData.run(o.runOptions())));
    register(new Example("NonBlockingSleep",
        "await sleep(1) instead of the blocking Thread.sleep (S003)",
        o -> NonBlockingSleep.run(o.runOptions())));
    register(new Example("UseAsyncLibraries",
        "fetch a page with the async HttpSession and print it [url] (S003)",
        o -> UseAsyncLibraries.run(o.runOptions(), o.args())));
    register(new Example("LongTaskSteps", "long tasks broken into steps progress together (S003)",
        o -> LongTaskSteps.run(o.runOptions())));
    register(new Example("HandleExceptionsGracefully",
        "catch exceptions inside the coroutine (S003)",
        o -> HandleExceptionsGracefully.run(o.runOptions())));
    register(new Example("SingleEntryPoint", "one Asyncio.run entry point: Hello, Asyncio! (S003)",
        o -> SingleEntryPoint.run(o.runOptions())));
    register(new Example("SayAfterTasks",
        "tasks start when created: Tasks created, Hello, World in 2 s (S003)",
        o -> SayAfterTasks.run(o.runOptions())));
    register(new Example("TaskManagement", "tasks A 2 s, B 3 s, C 1 s complete C, A, B (S003)",
        o -> TaskManagement.run(o.runOptions())));
    // S004: "Unleashing the Power of Async".
    register(new Example("HelloWorldMain", "main() awaits hello_world(): Hello, / World! (S004)",
        o -> HelloWorldMain.run(o.runOptions())));
    register(new Example("CreateTaskGather",
        "two tasks gathered; the 1 s one completes first (S004)",
        o -> CreateTaskGather.run(o.runOptions())));
    register(new Example("CancelRunningTask",
        "cancel a looping task after 3 s (S004, cancellation rethrown)",
        o -> CancelRunningTask.run(o.runOptions())));
  }

  private Launcher() {}

  static void register(Example e) {
    EXAMPLES.put(e.name(), e);
  }

  /** The registered examples, in registration order. */
  public static Map<String, Example> examples() {
    return EXAMPLES;
  }

  public static void main(String[] argv) {
    boolean virtualTime = false;
    List<String> rest = new ArrayList<>();
    for (String a : argv) {
      if (a.equals("--virtual-time")) {
        virtualTime = true;
      } else {
        rest.add(a);
      }
    }
    if (rest.isEmpty()) {
      System.out.println("asyncio4j examples. Run one with:"
          + " java -jar asyncio4j-examples.jar [--virtual-time] NAME [args]");
      for (Example e : EXAMPLES.values()) {
        System.out.printf("  %-28s %s%n", e.name(), e.description());
      }
      return;
    }
    Example e = EXAMPLES.get(rest.get(0));
    if (e == null) {
      System.err.println(
          "unknown example '" + rest.get(0) + "'; run without arguments to list them");
      System.exit(2);
    }
    e.main().accept(new Options(virtualTime, List.copyOf(rest.subList(1, rest.size()))));
  }
}
