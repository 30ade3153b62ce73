package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.gather;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.HttpSession;
import org.asyncio4j.RunOptions;

/**
 * Asynchronous web requests: three URLs fetched concurrently, a summary per URL in argument
 * order. From tutorial S001 ("Asynchronous Web Requests").
 *
 * <pre>{@code
 * async def fetch_url(session, url):
 *     print(f"Fetching {url}")
 *     async with session.get(url) as response:
 *         if response.status != 200:
 *             return f"Error: {response.status} for {url}"
 *         data = await response.text()
 *         return f"Fetched {len(data)} bytes from {url}"
 *
 * async def fetch_multiple_urls():
 *     urls = ["https://example.com", "https://python.org", "https://docs.python.org/"]
 *     async with aiohttp.ClientSession() as session:
 *         tasks = [fetch_url(session, url) for url in urls]
 *         results = await asyncio.gather(*tasks)
 *         for i, result in enumerate(results):
 *             print(f"Result {i+1}: {result}")
 * }</pre>
 *
 * <p>Without arguments the example starts a {@link LocalSite} and fetches its pages {@code /},
 * {@code /about} and {@code /missing} (HTTP 404: an error result) instead of the tutorial's
 * three sites, so it works offline; URLs given as arguments (to the launcher) are fetched
 * instead.
 */
public final class FetchMultipleUrls {
  private FetchMultipleUrls() {}

  /** The local site's pages fetched in place of the tutorial's URLs. */
  static List<String> localUrls(LocalSite site) {
    return site.urls("/", "/about", "/missing");
  }

  // tutorial:start http-fetch
  @Async
  static Coroutine<String> fetchUrl(HttpSession session, String url) {
    System.out.println("Fetching " + url);
    try (HttpSession.Response response = Await.of(session.get(url))) {
      if (response.status() != 200) {
        return Coroutine.of("Error: " + response.status() + " for " + url);
      }
      String data = Await.of(response.text());
      return Coroutine.of("Fetched " + data.length() + " bytes from " + url);
    }
  }

  @Async
  static Coroutine<Void> fetchMultipleUrls(List<String> urls) {
    try (HttpSession session = new HttpSession()) {
      List<Coroutine<String>> tasks = new ArrayList<>();
      for (String url : urls) {
        tasks.add(fetchUrl(session, url));
      }
      List<String> results = Await.of(gather(tasks));

      for (int i = 0; i < results.size(); i++) {
        System.out.println("Result " + (i + 1) + ": " + results.get(i));
      }
    }
    return Coroutine.done();
  }
  // tutorial:end http-fetch

  static void run(RunOptions options, List<String> args) {
    try (LocalSite site = args.isEmpty() ? LocalSite.startForExample() : null) {
      List<String> urls = site == null ? args : localUrls(site);
      Asyncio.run(FetchMultipleUrlsAsync.fetchMultipleUrls(urls), options);
    }
  }

  public static void main(String[] args) {
    run(RunOptions.create(), List.of(args));
  }
}
