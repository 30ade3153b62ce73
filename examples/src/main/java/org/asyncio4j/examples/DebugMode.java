package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.allTasks;
import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.currentTask;

import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.RunOptions;
import org.asyncio4j.Task;

/**
 * Debugging tips: debug mode, task names, logging, {@code currentTask()} and {@code allTasks()}.
 * From tutorial S001 ("Debugging Asyncio Code").
 *
 * <pre>{@code
 * # Method 1: Environment variable: PYTHONASYNCIODEBUG=1
 * # Method 2: asyncio.get_event_loop().set_debug(True)
 * # Method 3: asyncio.run(main(), debug=True)
 * # Debug features include: more detailed logging, warning about slow callbacks (>100ms),
 * # resource tracking, exception handling improvements
 *
 * async def debugging_tips():
 *     # 1. Use meaningful task names
 *     task = asyncio.create_task(long_running_task("Task A", 3), name="fetch_user_data")
 *     # 2. Use logging instead of print
 *     import logging
 *     logging.basicConfig(level=logging.DEBUG)
 *     logging.debug("Task started")
 *     # 3. Run with debug mode in scripts
 *     # asyncio.run(main(), debug=True)
 *     # 4. Use asyncio.current_task() to get the current task
 *     current = asyncio.current_task()
 *     print(f"Current task: {current.get_name()}")
 *     # 5. Use asyncio.all_tasks() to see all tasks
 *     all_tasks = asyncio.all_tasks()
 *     print(f"Total tasks: {len(all_tasks)}")
 * }</pre>
 *
 * <p>asyncio4j's debug mode: {@code RunOptions.create().debug(true)} (Python's {@code debug=True},
 * used here), {@code loop.setDebug(true)}, or the environment variable {@code ASYNCIO4J_DEBUG=1}.
 * It reports callbacks and task steps slower than 100 ms, naming the coroutine and its line. The
 * tutorial only defines {@code debugging_tips()}; the port runs it. As in Python, the task
 * "fetch_user_data" takes its first step (printing "Task A started") before the loop notices that
 * the main coroutine is done, and {@code Asyncio.run} then cancels it in its 3 s sleep.
 */
public final class DebugMode {
  private DebugMode() {}

  /** Python's {@code logging.basicConfig(level=logging.DEBUG)}: the root logger shows FINE. */
  static void basicConfigDebug() {
    Logger root = Logger.getLogger("");
    root.setLevel(Level.FINE);
    for (Handler h : root.getHandlers()) {
      h.setLevel(Level.FINE);
    }
  }

  // tutorial:start debug-mode
  @Async
  static Coroutine<Void> debuggingTips() {
    // 1. Use meaningful task names
    Task<String> task = createTask(TaskResults.longRunningTask("Task A", 3), "fetch_user_data");

    // 2. Use logging instead of print
    basicConfigDebug();
    Logger.getLogger("").fine("Task started");

    // 3. Run with debug mode: Asyncio.run(main(), RunOptions.create().debug(true))

    // 4. Use currentTask() to get the current task
    Task<?> current = currentTask();
    System.out.println("Current task: " + current.getName());

    // 5. Use allTasks() to see all tasks
    Set<Task<?>> allTasks = allTasks();
    System.out.println("Total tasks: " + allTasks.size());
    return Coroutine.done();
  }

  static void run(RunOptions options) {
    Asyncio.run(DebugModeAsync.debuggingTips(), options.debug(true));
  }
  // tutorial:end debug-mode

  public static void main(String[] args) {
    run(RunOptions.create());
  }
}
