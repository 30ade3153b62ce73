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
 * Concurrent HTTP requests: five sites fetched at the same time, each printing its size or its
 * error as soon as it is done. From tutorial S003 ("Example 2: Concurrent HTTP Requests").
 *
 * <pre>{@code
 * async def fetch_url(session, url):
 *     try:
 *         async with session.get(url) as response:
 *             content = await response.text()
 *             print(f"Fetched {url} with {len(content)} characters. 📄")
 *     except Exception as e:
 *         print(f"Error fetching {url}: {e} ❌")
 *
 * async def main():
 *     urls = ["https://www.python.org", "https://www.openai.com", "https://www.github.com",
 *             "https://www.stackoverflow.com", "https://www.reddit.com"]
 *     async with aiohttp.ClientSession() as session:
 *         tasks = [fetch_url(session, url) for url in urls]
 *         await asyncio.gather(*tasks)
 * }</pre>
 *
 * <p>The lines come in completion order (the tutorial's listing happens to be in argument
 * order). Without arguments the example starts a {@link LocalSite} and fetches, in place of the
 * tutorial's five sites, its pages {@code /}, {@code /about}, {@code /blog} and {@code
 * /blog/first-post} and a URL on a port where nothing listens (an error), so it works offline;
 * URLs given as arguments (to the launcher) are fetched instead.
 */
public final class ConcurrentHttpRequests {
  private ConcurrentHttpRequests() {}

  /** The local site's URLs fetched in place of the tutorial's. */
  static List<String> localUrls(LocalSite site) {
    return List.of(
        site.url("/"),
        site.url("/about"),
        site.url("/blog"),
        site.url("/blog/first-post"),
        site.refusedUrl("/")); // Nothing listens there
  }

  @Async
  static Coroutine<Void> fetchUrl(HttpSession session, String url) {
    try {
      try (HttpSession.Response response = Await.of(session.get(url), Exception.class)) {
        String content = Await.of(response.text());
        System.out.println("Fetched " + url + " with " + content.length() + " characters. 📄");
      }
    } catch (Exception e) {
      System.out.println("Error fetching " + url + ": " + e + " ❌");
    }
    return Coroutine.done();
  }

  @Async
  static Coroutine<Void> main(List<String> urls) {
    try (HttpSession session = new HttpSession()) {
      List<Coroutine<Void>> tasks = new ArrayList<>();
      for (String url : urls) {
        tasks.add(fetchUrl(session, url));
      }
      Await.of(gather(tasks));
    }
    return Coroutine.done();
  }

  static void run(RunOptions options, List<String> args) {
    try (LocalSite site = args.isEmpty() ? LocalSite.startForExample() : null) {
      Asyncio.run(ConcurrentHttpRequestsAsync.main(site == null ? args : localUrls(site)), options);
    }
  }

  public static void main(String[] args) {
    run(RunOptions.create(), List.of(args));
  }
}
