package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.getRunningLoop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.HttpSession;
import org.asyncio4j.RunOptions;

/**
 * The same fetches, synchronous (one after the other, blocking) and asynchronous (concurrent).
 * From tutorial S000 ("Comparing Synchronous vs. Asynchronous Execution"); {@link Requests} plays
 * Python's {@code requests}.
 *
 * <pre>{@code
 * def fetch_url_sync(url):
 *     start_time = time.time()
 *     print(f"Starting to fetch {url} (sync)")
 *     response = requests.get(url)
 *     html = response.text
 *     elapsed = time.time() - start_time
 *     print(f"Fetched {url} ({len(html)} bytes) in {elapsed:.2f} seconds (sync)")
 *     return html
 *
 * def main_sync():
 *     urls = ["https://www.example.com", "https://www.python.org", "https://www.github.com"]
 *     start_time = time.time()
 *     results = [fetch_url_sync(url) for url in urls]
 *     total_bytes = sum(len(result) for result in results)
 *     elapsed = time.time() - start_time
 *     print(f"Fetched {len(urls)} URLs with {total_bytes} total bytes in "
 *           f"{elapsed:.2f} seconds (sync)")
 *
 * async def fetch_url_async(session, url):
 *     start_time = time.time()
 *     print(f"Starting to fetch {url} (async)")
 *     async with session.get(url) as response:
 *         html = await response.text()
 *         elapsed = time.time() - start_time
 *         print(f"Fetched {url} ({len(html)} bytes) in {elapsed:.2f} seconds (async)")
 *         return html
 *
 * async def main_async():
 *     urls = [...]
 *     start_time = time.time()
 *     async with aiohttp.ClientSession() as session:
 *         tasks = [fetch_url_async(session, url) for url in urls]
 *         results = await asyncio.gather(*tasks)
 *     total_bytes = sum(len(result) for result in results)
 *     elapsed = time.time() - start_time
 *     print(f"Fetched {len(urls)} URLs with {total_bytes} total bytes in "
 *           f"{elapsed:.2f} seconds (async)")
 *
 * print("Running synchronous version...")
 * main_sync()
 * print("\nRunning asynchronous version...")
 * asyncio.run(main_async())
 * }</pre>
 *
 * <p>The synchronous part is timed with the wall clock, the asynchronous part with the loop's
 * clock. Without arguments the example starts a {@link LocalSite} and fetches the same pages as
 * {@link FetchUrls} ({@code /}, {@code /about}, {@code /blog}) instead of the tutorial's three
 * sites, so it works offline; URLs given as arguments (to the launcher) are fetched instead.
 */
public final class SyncVsAsyncFetch {
  private SyncVsAsyncFetch() {}

  // Synchronous version
  static String fetchUrlSync(String url) throws IOException, InterruptedException {
    long startTime = System.nanoTime();
    System.out.println("Starting to fetch " + url + " (sync)");

    Requests.Response response = Requests.get(url);
    String html = response.text();

    double elapsed = (System.nanoTime() - startTime) / 1e9;
    System.out.printf(
        "Fetched %s (%d bytes) in %.2f seconds (sync)%n", url, html.length(), elapsed);
    return html;
  }

  static void mainSync(List<String> urls) throws IOException, InterruptedException {
    long startTime = System.nanoTime();

    // Fetch URLs sequentially
    List<String> results = new ArrayList<>();
    for (String url : urls) {
      results.add(fetchUrlSync(url));
    }

    int totalBytes = 0;
    for (String result : results) {
      totalBytes += result.length();
    }
    double elapsed = (System.nanoTime() - startTime) / 1e9;
    System.out.printf("Fetched %d URLs with %d total bytes in %.2f seconds (sync)%n",
        urls.size(), totalBytes, elapsed);
  }

  // Asynchronous version
  @Async
  static Coroutine<String> fetchUrlAsync(HttpSession session, String url) {
    double startTime = getRunningLoop().time();
    System.out.println("Starting to fetch " + url + " (async)");

    try (HttpSession.Response response = Await.of(session.get(url))) {
      String html = Await.of(response.text());

      double elapsed = getRunningLoop().time() - startTime;
      System.out.printf(
          "Fetched %s (%d bytes) in %.2f seconds (async)%n", url, html.length(), elapsed);
      return Coroutine.of(html);
    }
  }

  @Async
  static Coroutine<Void> mainAsync(List<String> urls) {
    double startTime = getRunningLoop().time();

    List<String> results;
    try (HttpSession session = new HttpSession()) {
      List<Coroutine<String>> tasks = new ArrayList<>();
      for (String url : urls) {
        tasks.add(fetchUrlAsync(session, url));
      }
      results = Await.of(gather(tasks));
    }

    int totalBytes = 0;
    for (String result : results) {
      totalBytes += result.length();
    }
    double elapsed = getRunningLoop().time() - startTime;
    System.out.printf("Fetched %d URLs with %d total bytes in %.2f seconds (async)%n",
        urls.size(), totalBytes, elapsed);
    return Coroutine.done();
  }

  static void run(RunOptions options, List<String> args) {
    try (LocalSite site = args.isEmpty() ? LocalSite.startForExample() : null) {
      List<String> urls = site == null ? args : FetchUrls.localUrls(site);
      // Run both versions for comparison
      System.out.println("Running synchronous version...");
      try {
        mainSync(urls);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }

      System.out.println("\nRunning asynchronous version...");
      Asyncio.run(SyncVsAsyncFetchAsync.mainAsync(urls), options);
    }
  }

  public static void main(String[] args) {
    run(RunOptions.create(), List.of(args));
  }
}
