package org.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The tutorials' HTTP programs run without arguments, as a user runs them offline: each starts
 * the {@link LocalSite} demo site, says so in its first line, fetches the site's pages instead of
 * the tutorial's URLs, and stops the site. Run through the launcher on the virtual clock like the
 * other examples. The site's port is free, so the transcripts are compared with it replaced by
 * {@code PORT} (and the port of the refused URL, where nothing listens, by {@code REFUSED});
 * page sizes are the demo pages' lengths, which depend on the port's digits. Fetches that
 * complete at the same virtual time may do so in any order: those lines are compared sorted.
 */
class LocalSiteExamplesTest {
  private static final Pattern FIRST_LINE = Pattern.compile(
      "- Using the local site at (http://127\\.0\\.0\\.1:(\\d+))"
          + " \\(URL arguments fetch real pages instead\\)\n");

  /** A run's transcript with its ports normalised, and the sizes of the site's pages. */
  private record Run(String text, String origin) {
    List<String> lines() {
      return List.of(text.split("\n"));
    }

    /** The length of the demo page at {@code path}, as served on this run's port. */
    int size(String path) {
      return LocalSite.demoBody(origin, path).length();
    }
  }

  private static Run run(String name) {
    String t = Transcript.run(name);
    Matcher m = FIRST_LINE.matcher(t);
    assertTrue(m.lookingAt(), t);
    String port = m.group(2);
    String text = t.replace("127.0.0.1:" + port, "127.0.0.1:PORT")
        .replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:REFUSED");
    return new Run(text, m.group(1));
  }

  private static final String SITE_LINE =
      "- Using the local site at http://127.0.0.1:PORT (URL arguments fetch real pages instead)";

  private static final String U = "http://127.0.0.1:PORT";

  private static List<String> sorted(List<String> lines) {
    return lines.stream().sorted().toList();
  }

  @Test
  void fetchUrls() {
    Run r = run("FetchUrls");
    List<String> t = r.lines();
    assertEquals(List.of(SITE_LINE,
        "0.00 Starting to fetch " + U + "/",
        "0.00 Starting to fetch " + U + "/about",
        "0.00 Starting to fetch " + U + "/blog"), t.subList(0, 4));
    assertEquals(sorted(List.of(
        "0.00 Fetched " + U + "/ (" + r.size("/") + " bytes) in 0.00 seconds",
        "0.00 Fetched " + U + "/about (" + r.size("/about") + " bytes) in 0.00 seconds",
        "0.00 Fetched " + U + "/blog (" + r.size("/blog") + " bytes) in 0.00 seconds")),
        sorted(t.subList(4, 7)));
    int total = r.size("/") + r.size("/about") + r.size("/blog");
    assertEquals(List.of("0.00 Fetched 3 URLs with " + total + " total bytes in 0.00 seconds"),
        t.subList(7, t.size()));
  }

  @Test
  void syncVsAsyncFetch() {
    Run r = run("SyncVsAsyncFetch");
    String q = Pattern.quote(U);
    int a = r.size("/");
    int b = r.size("/about");
    int c = r.size("/blog");
    assertTrue(r.text().matches("""
        - Using the local site at %1$s \\(URL arguments fetch real pages instead\\)
        - Running synchronous version\\.\\.\\.
        - Starting to fetch %1$s/ \\(sync\\)
        - Fetched %1$s/ \\(%2$d bytes\\) in \\d+\\.\\d\\d seconds \\(sync\\)
        - Starting to fetch %1$s/about \\(sync\\)
        - Fetched %1$s/about \\(%3$d bytes\\) in \\d+\\.\\d\\d seconds \\(sync\\)
        - Starting to fetch %1$s/blog \\(sync\\)
        - Fetched %1$s/blog \\(%4$d bytes\\) in \\d+\\.\\d\\d seconds \\(sync\\)
        - Fetched 3 URLs with %5$d total bytes in \\d+\\.\\d\\d seconds \\(sync\\)
        -\s
        - Running asynchronous version\\.\\.\\.
        0\\.00 Starting to fetch %1$s/ \\(async\\)
        0\\.00 Starting to fetch %1$s/about \\(async\\)
        0\\.00 Starting to fetch %1$s/blog \\(async\\)
        """.formatted(q, a, b, c, a + b + c) + "(?s).*"), r.text());
    List<String> t = r.lines();
    assertEquals(sorted(List.of(
        "0.00 Fetched " + U + "/ (" + a + " bytes) in 0.00 seconds (async)",
        "0.00 Fetched " + U + "/about (" + b + " bytes) in 0.00 seconds (async)",
        "0.00 Fetched " + U + "/blog (" + c + " bytes) in 0.00 seconds (async)")),
        sorted(t.subList(14, 17)));
    assertEquals(
        List.of("0.00 Fetched 3 URLs with " + (a + b + c) + " total bytes in 0.00 seconds (async)"),
        t.subList(17, t.size()));
  }

  @Test
  void fetchErrorHandling() {
    // The refused connection is a client error, /error an HTTP error, /slow (2.5 s) exceeds the
    // 2 s timeout (really waited for); / and /about succeed.
    List<String> t = run("FetchErrorHandling").lines();
    assertEquals(SITE_LINE, t.get(0));
    assertEquals(sorted(List.of(
        "0.00 Client error fetching http://127.0.0.1:REFUSED/: java.net.ConnectException",
        "0.00 Error fetching " + U + "/error: HTTP 500",
        "0.00 Timeout fetching " + U + "/slow")), sorted(t.subList(1, 4)));
    assertEquals(List.of("0.00 Successfully fetched 2 out of 5 URLs"), t.subList(4, t.size()));
  }

  @Test
  void fetchMultipleUrls() {
    Run r = run("FetchMultipleUrls");
    assertEquals(SITE_LINE + "\n" + """
        0.00 Fetching %1$s/
        0.00 Fetching %1$s/about
        0.00 Fetching %1$s/missing
        0.00 Result 1: Fetched %2$d bytes from %1$s/
        0.00 Result 2: Fetched %3$d bytes from %1$s/about
        0.00 Result 3: Error: 404 for %1$s/missing
        """.formatted(U, r.size("/"), r.size("/about")), r.text());
  }

  @Test
  void concurrentHttpRequests() {
    Run r = run("ConcurrentHttpRequests");
    List<String> t = r.lines();
    assertEquals(SITE_LINE, t.get(0));
    assertEquals(sorted(List.of(
        "0.00 Fetched " + U + "/ with " + r.size("/") + " characters. 📄",
        "0.00 Fetched " + U + "/about with " + r.size("/about") + " characters. 📄",
        "0.00 Fetched " + U + "/blog with " + r.size("/blog") + " characters. 📄",
        "0.00 Fetched " + U + "/blog/first-post with " + r.size("/blog/first-post")
            + " characters. 📄",
        "0.00 Error fetching http://127.0.0.1:REFUSED/: java.net.ConnectException ❌")),
        sorted(t.subList(1, t.size())));
  }

  @Test
  void webScraper() {
    // The home page's absolute links: /blog (fine, depth 1: not followed further) and /error
    // (HTTP 500 each time: retried after 1, 2 and 4 s, then given up at 7 s).
    Run r = run("WebScraper");
    List<String> t = r.lines();
    assertEquals(List.of(SITE_LINE,
        "0.00 Successfully fetched " + U + "/ (" + r.size("/") + " bytes)",
        "0.00 Extracted 2 links from " + U + "/"), t.subList(0, 3));
    assertEquals(sorted(List.of(
        "0.00 Error fetching " + U + "/error: HTTP 500",
        "0.00 Successfully fetched " + U + "/blog (" + r.size("/blog") + " bytes)")),
        sorted(t.subList(3, 5)));
    assertEquals(List.of(
        "1.00 Error fetching " + U + "/error: HTTP 500",
        "3.00 Error fetching " + U + "/error: HTTP 500",
        "7.00 Failed to fetch " + U + "/error after 3 attempts",
        "7.00 ",
        "7.00 Results:",
        "7.00 Visited 3 unique URLs:",
        "7.00 1. " + U + "/",
        "7.00 2. " + U + "/blog",
        "7.00 3. " + U + "/error",
        "7.00 ",
        "7.00 Total execution time: 7.00 seconds"), t.subList(5, t.size()));
  }

  @Test
  void webCrawler() {
    // One request per second; relative and absolute same-site links are followed, /about's
    // external link is not; five URLs at most, the failing and missing pages among them.
    Run r = run("WebCrawler");
    assertEquals(SITE_LINE + "\n" + """
        0.00 Starting web crawler demo
        0.00 Fetching: %1$s/
        0.00 Fetched %2$d bytes from %1$s/
        1.00 Found 4 new links on %1$s/
        1.00 Fetching: %1$s/about
        1.00 Fetched %3$d bytes from %1$s/about
        2.00 Found 1 new links on %1$s/about
        2.00 Fetching: %1$s/blog
        2.00 Fetched %4$d bytes from %1$s/blog
        3.00 Found 1 new links on %1$s/blog
        3.00 Fetching: %1$s/error
        3.00 Error: 500 for %1$s/error
        3.00 Fetching: %1$s/missing
        3.00 Error: 404 for %1$s/missing
        3.00 Crawling complete. Visited 5 URLs
        3.00\s
        3.00 Visited URLs:
        3.00 1. %1$s/
        3.00 2. %1$s/about
        3.00 3. %1$s/blog
        3.00 4. %1$s/error
        3.00 5. %1$s/missing
        """.formatted(U, r.size("/"), r.size("/about"), r.size("/blog")), r.text());
  }

  @Test
  void mixingSyncAsync() {
    // Prints nothing but the site's line.
    assertEquals(SITE_LINE + "\n", run("MixingSyncAsync").text());
  }

  @Test
  void useAsyncLibraries() {
    // Prints the home page (println adds a line after the page's last newline).
    Run r = run("UseAsyncLibraries");
    String page = LocalSite.demoBody(U, "/");
    StringBuilder expected = new StringBuilder(SITE_LINE).append('\n');
    for (String line : page.split("\n")) {
      expected.append("0.00 ").append(line).append('\n');
    }
    expected.append("0.00 \n");
    assertEquals(expected.toString(), r.text());
  }

  @Test
  void resourceCleanup() {
    // Prints nothing but the site's line.
    assertEquals(SITE_LINE + "\n", run("ResourceCleanup").text());
  }
}
