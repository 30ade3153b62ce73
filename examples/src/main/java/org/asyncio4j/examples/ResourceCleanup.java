package org.asyncio4j.examples;

import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.HttpSession;
import org.asyncio4j.RunOptions;

/**
 * Pitfall: not cleaning up resources. A session opened without {@code try (...)} is never
 * closed; in a try-with-resources ({@code async with}) it always is. From tutorial S000 ("Not
 * Cleaning Up Resources"). Runs {@code mainRight}; prints nothing (but for the local site's line,
 * see below).
 *
 * <pre>{@code
 * async def main_wrong():
 *     # Wrong - session is never closed
 *     session = aiohttp.ClientSession()
 *     async with session.get("https://www.example.com") as response:
 *         html = await response.text()
 *     # Session remains open
 *
 * async def main_right():
 *     # Correct - session is automatically closed
 *     async with aiohttp.ClientSession() as session:
 *         async with session.get("https://www.example.com") as response:
 *             html = await response.text()
 *     # Session is properly closed
 *
 * asyncio.run(main_right())
 * }</pre>
 *
 * <p>Without arguments the example starts a {@link LocalSite} and fetches its home page instead
 * of {@code https://www.example.com}, so it works offline; a URL given as argument (to the
 * launcher) is fetched instead. Both coroutines return the session, so that the test can check
 * that it is closed.
 */
public final class ResourceCleanup {
  private ResourceCleanup() {}

  @Async
  static Coroutine<HttpSession> mainWrong(String url) {
    // Wrong - session is never closed
    HttpSession session = new HttpSession();
    try (HttpSession.Response response = Await.of(session.get(url))) {
      String html = Await.of(response.text());
    }
    // Session remains open
    return Coroutine.of(session);
  }

  @Async
  static Coroutine<HttpSession> mainRight(String url) {
    // Correct - session is automatically closed
    try (HttpSession session = new HttpSession()) {
      try (HttpSession.Response response = Await.of(session.get(url))) {
        String html = Await.of(response.text());
      }
      return Coroutine.of(session);
    }
    // Session is properly closed
  }

  static HttpSession run(RunOptions options, String url) {
    return Asyncio.run(ResourceCleanupAsync.mainRight(url), options);
  }

  /** Runs {@code mainRight} on {@code args}' URL, or on the local site's home page if none. */
  static HttpSession run(RunOptions options, List<String> args) {
    try (LocalSite site = args.isEmpty() ? LocalSite.startForExample() : null) {
      return run(options, site == null ? args.get(0) : site.url("/"));
    }
  }

  public static void main(String[] args) {
    run(RunOptions.create(), List.of(args));
  }
}
