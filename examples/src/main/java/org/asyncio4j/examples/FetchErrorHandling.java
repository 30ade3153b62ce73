package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.gather;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.HttpSession;
import org.asyncio4j.RunOptions;
import org.asyncio4j.TimeoutError;

/**
 * Error handling in async programs: each fetch catches its own errors (HTTP status, client
 * errors, a 2 s timeout) and returns {@code null} on failure. From tutorial S000 ("Error Handling
 * in Async Programs").
 *
 * <pre>{@code
 * async def fetch_url(session, url):
 *     try:
 *         async with session.get(url, timeout=2) as response:
 *             if response.status == 200:
 *                 return await response.text()
 *             else:
 *                 print(f"Error fetching {url}: HTTP {response.status}")
 *                 return None
 *     except aiohttp.ClientError as e:
 *         print(f"Client error fetching {url}: {e}")
 *         return None
 *     except asyncio.TimeoutError:
 *         print(f"Timeout fetching {url}")
 *         return None
 *     except Exception as e:
 *         print(f"Unexpected error fetching {url}: {e}")
 *         return None
 *
 * async def main():
 *     urls = ["https://www.example.com",
 *             "https://www.nonexistent-website-xyz.com",  # This will fail
 *             "https://www.python.org"]
 *     async with aiohttp.ClientSession() as session:
 *         tasks = [fetch_url(session, url) for url in urls]
 *         results = await asyncio.gather(*tasks, return_exceptions=False)
 *     successful = sum(1 for result in results if result is not None)
 *     print(f"Successfully fetched {successful} out of {len(urls)} URLs")
 * }</pre>
 *
 * <p>aiohttp's {@code ClientError} is Java's {@link IOException} (a refused connection, an
 * unknown host). The tutorial says that by default an exception in {@code gather} "propagates and
 * cancels all other tasks": it propagates, but the other awaitables are not cancelled and keep
 * running ({@code returnExceptions=true} turns exceptions into results instead). Here every fetch
 * handles its own errors, so nothing propagates.
 *
 * <p>Without arguments the example starts a {@link LocalSite} and fetches, in place of the
 * tutorial's three URLs, its pages {@code /} and {@code /about} (fine), a URL on a port where
 * nothing listens (the failing one: a refused connection, a client error), {@code /error} (HTTP
 * 500) and {@code /slow} (slower than the 2 s timeout), so it works offline and shows every
 * error path; URLs given as arguments (to the launcher) are fetched instead.
 */
public final class FetchErrorHandling {
  private FetchErrorHandling() {}

  /** The local site's URLs fetched in place of the tutorial's. */
  static List<String> localUrls(LocalSite site) {
    return List.of(
        site.url("/"),
        site.refusedUrl("/"), // This will fail
        site.url("/about"),
        site.url("/error"), // HTTP 500
        site.url("/slow")); // Slower than the timeout
  }

  @Async
  static Coroutine<String> fetchUrl(HttpSession session, String url) {
    try {
      try (HttpSession.Response response = Await.of(session.get(url, 2), IOException.class)) {
        if (response.status() == 200) {
          return Coroutine.of(Await.of(response.text()));
        } else {
          System.out.println("Error fetching " + url + ": HTTP " + response.status());
          return Coroutine.of(null);
        }
      }
    } catch (IOException e) {
      System.out.println("Client error fetching " + url + ": " + e);
      return Coroutine.of(null);
    } catch (TimeoutError e) {
      System.out.println("Timeout fetching " + url);
      return Coroutine.of(null);
    } catch (Exception e) {
      System.out.println("Unexpected error fetching " + url + ": " + e);
      return Coroutine.of(null);
    }
  }

  @Async
  static Coroutine<Void> main(List<String> urls) {
    List<String> results;
    try (HttpSession session = new HttpSession()) {
      List<Coroutine<String>> tasks = new ArrayList<>();
      for (String url : urls) {
        tasks.add(fetchUrl(session, url));
      }
      results = Await.of(gather(tasks));
    }

    // Count successful fetches
    int successful = 0;
    for (String result : results) {
      if (result != null) {
        successful++;
      }
    }
    System.out.println("Successfully fetched " + successful + " out of " + urls.size() + " URLs");
    return Coroutine.done();
  }

  static void run(RunOptions options, List<String> args) {
    try (LocalSite site = args.isEmpty() ? LocalSite.startForExample() : null) {
      Asyncio.run(FetchErrorHandlingAsync.main(site == null ? args : localUrls(site)), options);
    }
  }

  public static void main(String[] args) {
    run(RunOptions.create(), List.of(args));
  }
}
