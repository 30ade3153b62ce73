package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.sleep;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.asyncio4j.Async;
import org.asyncio4j.AsyncCloseable;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.HttpSession;
import org.asyncio4j.Queue;
import org.asyncio4j.RunOptions;
import org.asyncio4j.Semaphore;

/**
 * A web crawler that respects a rate limit: a queue of URLs to visit, a set of visited ones, and
 * a {@code Semaphore(1)} held across the fetch and a {@code rateLimit} sleep, so at most one
 * request starts per {@code rateLimit} seconds. The crawler is an async context manager that
 * opens and closes its HTTP session. From tutorial S001 ("Simulating a Real-world Application:
 * Web Crawler").
 *
 * <pre>{@code
 * class AsyncCrawler:
 *     def __init__(self, base_url, max_urls=10, rate_limit=1):
 *         self.base_url = base_url
 *         self.to_visit = asyncio.Queue()
 *         self.visited = set()
 *         self.max_urls = max_urls
 *         self.rate_limit = rate_limit  # Seconds between requests
 *         self.session = None
 *         self.rate_limiter = asyncio.Semaphore(1)  # Only 1 request at a time
 *
 *     async def __aenter__(self):
 *         self.session = aiohttp.ClientSession()
 *         await self.to_visit.put(self.base_url)
 *         return self
 *
 *     async def __aexit__(self, exc_type, exc_val, exc_tb):
 *         await self.session.close()
 *
 *     async def fetch_url(self, url):
 *         async with self.rate_limiter:
 *             print(f"Fetching: {url}")
 *             try:
 *                 async with self.session.get(url) as response:
 *                     if response.status != 200:
 *                         print(f"Error: {response.status} for {url}")
 *                         return None
 *                     html = await response.text()
 *                     print(f"Fetched {len(html)} bytes from {url}")
 *                     # Respect rate limit
 *                     await asyncio.sleep(self.rate_limit)
 *                     return html
 *             except Exception as e:
 *                 print(f"Error fetching {url}: {e}")
 *                 return None
 *
 *     def extract_links(self, html, url):
 *         soup = BeautifulSoup(html, 'html.parser')
 *         links = set()
 *         for link in soup.find_all('a', href=True):
 *             href = link['href']
 *             # Handle relative URLs
 *             if href.startswith('/'):
 *                 href = f"{self.base_url.rstrip('/')}{href}"
 *             # Only follow links from the same domain
 *             if href.startswith(self.base_url) and href not in self.visited:
 *                 links.add(href)
 *         print(f"Found {len(links)} new links on {url}")
 *         return links
 *
 *     async def crawl(self):
 *         while len(self.visited) < self.max_urls:
 *             if self.to_visit.empty():
 *                 print("No more URLs to visit")
 *                 break
 *             url = await self.to_visit.get()
 *             if url in self.visited:
 *                 continue
 *             self.visited.add(url)
 *             html = await self.fetch_url(url)
 *             if html:
 *                 links = self.extract_links(html, url)
 *                 for link in links:
 *                     if len(self.visited) + self.to_visit.qsize() < self.max_urls:
 *                         await self.to_visit.put(link)
 *         print(f"Crawling complete. Visited {len(self.visited)} URLs")
 *         return self.visited
 *
 * async def run_crawler_demo():
 *     print("Starting web crawler demo")
 *     async with AsyncCrawler("https://docs.python.org/", max_urls=5, rate_limit=1) as crawler:
 *         visited_urls = await crawler.crawl()
 *         print("\nVisited URLs:")
 *         for i, url in enumerate(visited_urls, 1):
 *             print(f"{i}. {url}")
 * }</pre>
 *
 * <p>BeautifulSoup's {@code find_all('a', href=True)} becomes a regular expression over {@code
 * <a ... href="...">} tags. Python's sets have no defined order; the port keeps insertion order
 * ({@link LinkedHashSet}), which makes runs repeatable.
 *
 * <p>Without arguments the example starts a {@link LocalSite} and crawls it from its home page
 * instead of {@code https://docs.python.org/}, so it works offline: relative and absolute links
 * on the site are followed, its link to an external site is not, and its failing ({@code /error},
 * HTTP 500) and missing ({@code /missing}, 404) pages are reported; a base URL given as argument
 * (to the launcher) is crawled instead.
 */
public final class WebCrawler {
  private WebCrawler() {}

  /** The {@code href} of every {@code <a>} tag. */
  static final Pattern A_HREF =
      Pattern.compile("<a\\s[^>]*?href\\s*=\\s*[\"']([^\"']*)[\"']", Pattern.CASE_INSENSITIVE);

  abstract static class AsyncCrawler implements AsyncCloseable {
    final String baseUrl;
    final Queue<String> toVisit;
    final Set<String> visited;
    final int maxUrls;
    final double rateLimit; // Seconds between requests
    HttpSession session;
    final Semaphore rateLimiter; // Only 1 request at a time

    AsyncCrawler(String baseUrl, int maxUrls, double rateLimit) {
      this.baseUrl = baseUrl;
      this.toVisit = new Queue<>();
      this.visited = new LinkedHashSet<>();
      this.maxUrls = maxUrls;
      this.rateLimit = rateLimit;
      this.session = null;
      this.rateLimiter = new Semaphore(1);
    }

    static AsyncCrawler create(String baseUrl, int maxUrls, double rateLimit) {
      return new WebCrawler_AsyncCrawlerAsync(baseUrl, maxUrls, rateLimit);
    }

    @Async
    @Override
    public Coroutine<AsyncCrawler> enterAsync() {
      session = new HttpSession();
      Await.of(toVisit.put(baseUrl));
      return Coroutine.of(this);
    }

    @Async
    @Override
    public Coroutine<Boolean> exitAsync(Throwable error) {
      Await.of(session.closeAsync());
      return Coroutine.of(false);
    }

    @Async
    Coroutine<String> fetchUrl(String url) {
      try (rateLimiter) {
        System.out.println("Fetching: " + url);
        try {
          try (HttpSession.Response response = Await.of(session.get(url), Exception.class)) {
            if (response.status() != 200) {
              System.out.println("Error: " + response.status() + " for " + url);
              return Coroutine.of(null);
            }

            String html = Await.of(response.text());
            System.out.println("Fetched " + html.length() + " bytes from " + url);
            // Respect rate limit
            Await.of(sleep(rateLimit));
            return Coroutine.of(html);
          }
        } catch (Exception e) {
          System.out.println("Error fetching " + url + ": " + e);
          return Coroutine.of(null);
        }
      }
    }

    Set<String> extractLinks(String html, String url) {
      Matcher soup = A_HREF.matcher(html);
      Set<String> links = new LinkedHashSet<>();

      while (soup.find()) {
        String href = soup.group(1);

        // Handle relative URLs
        if (href.startsWith("/")) {
          href = baseUrl.replaceAll("/+$", "") + href;
        }

        // Only follow links from the same domain
        if (href.startsWith(baseUrl) && !visited.contains(href)) {
          links.add(href);
        }
      }

      System.out.println("Found " + links.size() + " new links on " + url);
      return links;
    }

    @Async
    Coroutine<Set<String>> crawl() {
      while (visited.size() < maxUrls) {
        if (toVisit.isEmpty()) {
          System.out.println("No more URLs to visit");
          break;
        }

        String url = Await.of(toVisit.get());

        if (visited.contains(url)) {
          continue;
        }

        visited.add(url);
        String html = Await.of(fetchUrl(url));

        if (html != null && !html.isEmpty()) {
          Set<String> links = extractLinks(html, url);
          for (String link : links) {
            if (visited.size() + toVisit.qsize() < maxUrls) {
              Await.of(toVisit.put(link));
            }
          }
        }
      }

      System.out.println("Crawling complete. Visited " + visited.size() + " URLs");
      return Coroutine.of(visited);
    }
  }

  @Async
  static Coroutine<Void> runCrawlerDemo(String baseUrl) {
    System.out.println("Starting web crawler demo");
    try (AsyncCrawler crawler = AsyncCrawler.create(baseUrl, 5, 1)) {
      Set<String> visitedUrls = Await.of(crawler.crawl());
      System.out.println("\nVisited URLs:");
      int i = 1;
      for (String url : visitedUrls) {
        System.out.println(i + ". " + url);
        i++;
      }
    }
    return Coroutine.done();
  }

  static void run(RunOptions options, List<String> args) {
    try (LocalSite site = args.isEmpty() ? LocalSite.startForExample() : null) {
      String baseUrl = site == null ? args.get(0) : site.url("/");
      Asyncio.run(WebCrawlerAsync.runCrawlerDemo(baseUrl), options);
    }
  }

  public static void main(String[] args) {
    run(RunOptions.create(), List.of(args));
  }
}
