package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.getRunningLoop;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.HttpSession;
import org.asyncio4j.RunOptions;

/**
 * Fetching several URLs concurrently with an HTTP session (aiohttp's {@code ClientSession} is
 * asyncio4j's {@link HttpSession}). From tutorial S000 ("A Real-World Example: Making HTTP
 * Requests").
 *
 * <pre>{@code
 * async def fetch_url(session, url):
 *     start_time = time.time()
 *     print(f"Starting to fetch {url}")
 *     async with session.get(url) as response:
 *         html = await response.text()
 *         elapsed = time.time() - start_time
 *         print(f"Fetched {url} ({len(html)} bytes) in {elapsed:.2f} seconds")
 *         return html
 *
 * async def main():
 *     urls = ["https://www.example.com", "https://www.python.org", "https://www.github.com"]
 *     start_time = time.time()
 *     async with aiohttp.ClientSession() as session:
 *         tasks = [fetch_url(session, url) for url in urls]
 *         results = await asyncio.gather(*tasks)
 *         total_bytes = sum(len(result) for result in results)
 *         elapsed = time.time() - start_time
 *         print(f"Fetched {len(urls)} URLs with {total_bytes} total bytes in "
 *               f"{elapsed:.2f} seconds")
 * }</pre>
 *
 * <p>{@code async with session.get(url) as response:} is a try-with-resources on the awaited
 * {@link HttpSession.Response}. Without arguments the example starts a {@link LocalSite} and
 * fetches its pages {@code /}, {@code /about} and {@code /blog} instead of the tutorial's three
 * sites, so it works offline; URLs given as arguments (to the launcher) are fetched instead.
 * Times are the loop's clock.
 */
public final class FetchUrls {
  private FetchUrls() {}

  /** The local site's pages fetched in place of the tutorial's URLs. */
  static List<String> localUrls(LocalSite site) {
    return site.urls("/", "/about", "/blog");
  }

  @Async
  static Coroutine<String> fetchUrl(HttpSession session, String url) {
    double startTime = getRunningLoop().time();
    System.out.println("Starting to fetch " + url);

    try (HttpSession.Response response = Await.of(session.get(url))) {
      String html = Await.of(response.text());
      double elapsed = getRunningLoop().time() - startTime;
      System.out.printf("Fetched %s (%d bytes) in %.2f seconds%n", url, html.length(), elapsed);
      return Coroutine.of(html);
    }
  }

  @Async
  static Coroutine<Void> main(List<String> urls) {
    double startTime = getRunningLoop().time();

    // Using a client session for connection pooling
    try (HttpSession session = new HttpSession()) {
      // Create a list of coroutines
      List<Coroutine<String>> tasks = new ArrayList<>();
      for (String url : urls) {
        tasks.add(fetchUrl(session, url));
      }

      // Run the coroutines concurrently
      List<String> results = Await.of(gather(tasks));

      // Print a summary
      int totalBytes = 0;
      for (String result : results) {
        totalBytes += result.length();
      }
      double elapsed = getRunningLoop().time() - startTime;
      System.out.printf("Fetched %d URLs with %d total bytes in %.2f seconds%n",
          urls.size(), totalBytes, elapsed);
    }
    return Coroutine.done();
  }

  static void run(RunOptions options, List<String> args) {
    try (LocalSite site = args.isEmpty() ? LocalSite.startForExample() : null) {
      Asyncio.run(FetchUrlsAsync.main(site == null ? args : localUrls(site)), options);
    }
  }

  public static void main(String[] args) {
    run(RunOptions.create(), List.of(args));
  }
}
