package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.getRunningLoop;
import static org.asyncio4j.Asyncio.sleep;
import static org.asyncio4j.Asyncio.timeout;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.asyncio4j.Async;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Await;
import org.asyncio4j.Coroutine;
import org.asyncio4j.HttpSession;
import org.asyncio4j.RunOptions;
import org.asyncio4j.Task;
import org.asyncio4j.Timeout;
import org.asyncio4j.TimeoutError;

/**
 * A simple async web scraper: fetch pages concurrently with retries and backoff, extract links,
 * follow them up to a depth. From tutorial S000 ("Building Your First Complete Async
 * Application").
 *
 * <pre>{@code
 * LINK_PATTERN = re.compile(r'href=["\'](https?://[^"\'\s]+)["\']')
 *
 * async def fetch_url(session, url, max_retries=3):
 *     for attempt in range(max_retries):
 *         try:
 *             async with session.get(url, timeout=10) as response:
 *                 if response.status == 200:
 *                     html = await response.text()
 *                     print(f"Successfully fetched {url} ({len(html)} bytes)")
 *                     return html
 *                 else:
 *                     print(f"Error fetching {url}: HTTP {response.status}")
 *                     await asyncio.sleep(1 * (attempt + 1))  # Exponential backoff
 *         except (aiohttp.ClientError, asyncio.TimeoutError) as e:
 *             print(f"Attempt {attempt+1}/{max_retries} failed for {url}: {e}")
 *             if attempt + 1 < max_retries:
 *                 await asyncio.sleep(1 * (attempt + 1))  # Exponential backoff
 *     print(f"Failed to fetch {url} after {max_retries} attempts")
 *     return None
 *
 * async def extract_links(html, base_url):
 *     if not html:
 *         return []
 *     matches = LINK_PATTERN.findall(html)
 *     links = [urljoin(base_url, match) for match in matches]
 *     links = list(set(links))
 *     print(f"Extracted {len(links)} links from {base_url}")
 *     return links
 *
 * async def process_page(session, url, visited=None, max_depth=2, current_depth=0):
 *     if visited is None:
 *         visited = set()
 *     if url in visited or current_depth > max_depth:
 *         return []
 *     visited.add(url)
 *     results = [url]
 *     html = await fetch_url(session, url)
 *     if not html:
 *         return results
 *     if current_depth == max_depth:
 *         return results
 *     links = await extract_links(html, url)
 *     tasks = []
 *     for link in links[:5]:
 *         if link not in visited:
 *             task = asyncio.create_task(
 *                 process_page(session, link, visited, max_depth, current_depth + 1))
 *             tasks.append(task)
 *     if tasks:
 *         link_results = await asyncio.gather(*tasks)
 *         for result in link_results:
 *             results.extend(result)
 *     return results
 *
 * async def main():
 *     start_url = "https://www.python.org"
 *     max_depth = 1  # Limit depth to avoid too many requests
 *     start_time = time.time()
 *     # Set up a timeout for the entire operation
 *     try:
 *         async with aiohttp.ClientSession() as session:
 *             all_urls = await process_page(session, start_url, max_depth=max_depth)
 *             unique_urls = sorted(set(all_urls))
 *             print("\nResults:")
 *             print(f"Visited {len(unique_urls)} unique URLs:")
 *             for i, url in enumerate(unique_urls, 1):
 *                 print(f"{i}. {url}")
 *     except asyncio.TimeoutError:
 *         print("Operation timed out")
 *     elapsed = time.time() - start_time
 *     print(f"\nTotal execution time: {elapsed:.2f} seconds")
 * }</pre>
 *
 * <p>Where the tutorial is wrong, the port does what it says:
 * <ul>
 *   <li>the backoff it calls exponential is linear ({@code 1 * (attempt + 1)}: 1, 2 s); the port
 *       doubles the delay ({@code 2^attempt}: 1, 2, 4 s);
 *   <li>"Set up a timeout for the entire operation" sets none (only per-request timeouts), so its
 *       {@code except asyncio.TimeoutError} is dead code; the port wraps the operation in {@code
 *       timeout(OVERALL_TIMEOUT)} (60 s), Python's {@code async with asyncio.timeout(60)}.
 * </ul>
 * Python's {@code list(set(links))} has no defined order; the port keeps the links in the order
 * they appear ({@link LinkedHashSet}), which makes runs repeatable. Times are the loop's clock.
 *
 * <p>Without arguments the example starts a {@link LocalSite} and scrapes it from its home page
 * instead of {@code https://www.python.org}, so it works offline: the home page's absolute links
 * lead to {@code /blog} (fetched) and {@code /error} (HTTP 500, retried after 1, 2 and 4 s, then
 * given up); a start URL given as argument (to the launcher) is scraped instead.
 */
public final class WebScraper {
  private WebScraper() {}

  // Regular expression to find links in HTML
  static final Pattern LINK_PATTERN = Pattern.compile("href=[\"'](https?://[^\"'\\s]+)[\"']");

  /** Seconds allowed for the whole operation. */
  static final double OVERALL_TIMEOUT = 60;

  /** Fetch a URL with retry logic. */
  @Async
  static Coroutine<String> fetchUrl(HttpSession session, String url, int maxRetries) {
    for (int attempt = 0; attempt < maxRetries; attempt++) {
      try {
        try (HttpSession.Response response = Await.of(session.get(url, 10), IOException.class)) {
          if (response.status() == 200) {
            String html = Await.of(response.text());
            System.out.println("Successfully fetched " + url + " (" + html.length() + " bytes)");
            return Coroutine.of(html);
          } else {
            System.out.println("Error fetching " + url + ": HTTP " + response.status());
            Await.of(sleep(Math.pow(2, attempt))); // Exponential backoff: 1, 2, 4 s
          }
        }
      } catch (IOException | TimeoutError e) {
        System.out.println(
            "Attempt " + (attempt + 1) + "/" + maxRetries + " failed for " + url + ": " + e);
        if (attempt + 1 < maxRetries) {
          Await.of(sleep(Math.pow(2, attempt))); // Exponential backoff: 1, 2, 4 s
        }
      }
    }

    System.out.println("Failed to fetch " + url + " after " + maxRetries + " attempts");
    return Coroutine.of(null);
  }

  /** Extract links from HTML content. */
  @Async
  static Coroutine<List<String>> extractLinks(String html, String baseUrl) {
    if (html == null || html.isEmpty()) {
      return Coroutine.of(List.of());
    }

    // Find all links
    Matcher matches = LINK_PATTERN.matcher(html);

    // Normalize URLs and remove duplicates
    Set<String> links = new LinkedHashSet<>();
    while (matches.find()) {
      links.add(URI.create(baseUrl).resolve(matches.group(1)).toString());
    }

    System.out.println("Extracted " + links.size() + " links from " + baseUrl);
    return Coroutine.of(new ArrayList<>(links));
  }

  /** Process a page: fetch it, extract links, and process those links. */
  @Async
  static Coroutine<List<String>> processPage(
      HttpSession session, String url, Set<String> visited, int maxDepth, int currentDepth) {
    // Skip if already visited or max depth reached
    if (visited.contains(url) || currentDepth > maxDepth) {
      return Coroutine.of(List.of());
    }

    visited.add(url);
    List<String> results = new ArrayList<>();
    results.add(url); // Include the current URL in results

    // Fetch the page
    String html = Await.of(fetchUrl(session, url, 3));
    if (html == null || html.isEmpty()) {
      return Coroutine.of(results);
    }

    // If we've reached max depth, don't process links further
    if (currentDepth == maxDepth) {
      return Coroutine.of(results);
    }

    // Extract and process links
    List<String> links = Await.of(extractLinks(html, url));

    // Process each link (up to 5 to avoid too many requests)
    List<Task<List<String>>> tasks = new ArrayList<>();
    for (String link : links.subList(0, Math.min(5, links.size()))) {
      if (!visited.contains(link)) {
        Task<List<String>> task =
            createTask(processPage(session, link, visited, maxDepth, currentDepth + 1));
        tasks.add(task);
      }
    }

    // Wait for all link processing to complete
    if (!tasks.isEmpty()) {
      List<List<String>> linkResults = Await.of(gather(tasks));
      for (List<String> result : linkResults) {
        results.addAll(result);
      }
    }

    return Coroutine.of(results);
  }

  @Async
  static Coroutine<Void> main(String startUrl) {
    int maxDepth = 1; // Limit depth to avoid too many requests

    double startTime = getRunningLoop().time();

    // Set up a timeout for the entire operation
    try (Timeout overall = timeout(OVERALL_TIMEOUT)) {
      try (HttpSession session = new HttpSession()) {
        // Process the starting URL
        List<String> allUrls =
            Await.of(processPage(session, startUrl, new HashSet<>(), maxDepth, 0));

        // Remove duplicates and sort
        List<String> uniqueUrls = new ArrayList<>(new TreeSet<>(allUrls));

        // Print results
        System.out.println("\nResults:");
        System.out.println("Visited " + uniqueUrls.size() + " unique URLs:");
        for (int i = 1; i <= uniqueUrls.size(); i++) {
          System.out.println(i + ". " + uniqueUrls.get(i - 1));
        }
      }
    } catch (TimeoutError e) {
      System.out.println("Operation timed out");
    }

    double elapsed = getRunningLoop().time() - startTime;
    System.out.printf("%nTotal execution time: %.2f seconds%n", elapsed);
    return Coroutine.done();
  }

  static void run(RunOptions options, List<String> args) {
    try (LocalSite site = args.isEmpty() ? LocalSite.startForExample() : null) {
      // Run the program
      String startUrl = site == null ? args.get(0) : site.url("/");
      Asyncio.run(WebScraperAsync.main(startUrl), options);
    }
  }

  public static void main(String[] args) {
    run(RunOptions.create(), List.of(args));
  }
}
