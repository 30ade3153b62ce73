package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.gather;

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
 * Pitfall: mixing sync and async code. A blocking HTTP client inside a coroutine blocks the loop
 * for the whole request (the processor does not know this client, so it cannot warn here); the
 * async session does not. From tutorial S000 ("Mixing Sync and Async Code Incorrectly"). Prints
 * nothing (but for the local site's line, see below).
 *
 * <pre>{@code
 * async def fetch_url_wrong(url):
 *     # Wrong - this blocks the event loop
 *     response = requests.get(url)
 *     return response.text
 *
 * async def fetch_url_right(session, url):
 *     # Correct - this uses async HTTP requests
 *     async with session.get(url) as response:
 *         return await response.text
 *
 * async def main():
 *     urls = ["https://www.example.com", "https://www.python.org"]
 *     # Wrong approach (blocks the event loop)
 *     results_wrong = [await fetch_url_wrong(url) for url in urls]
 *     # Correct approach
 *     async with aiohttp.ClientSession() as session:
 *         results_right = await asyncio.gather(
 *             *[fetch_url_right(session, url) for url in urls]
 *         )
 * }</pre>
 *
 * <p>The tutorial's "correct" function has a bug: {@code await response.text} (no call) awaits a
 * bound method and raises {@code TypeError}; the port calls {@code text()}. Without arguments the
 * example starts a {@link LocalSite} and fetches its pages {@code /} and {@code /about} instead
 * of the tutorial's two sites, so it works offline (printing only the line that says so); URLs
 * given as arguments (to the launcher) are fetched instead.
 */
public final class MixingSyncAsync {
  private MixingSyncAsync() {}

  @Async
  static Coroutine<String> fetchUrlWrong(String url) throws IOException, InterruptedException {
    // Wrong - this blocks the event loop
    Requests.Response response = Requests.get(url);
    return Coroutine.of(response.text());
  }

  @Async
  static Coroutine<String> fetchUrlRight(HttpSession session, String url) {
    // Correct - this uses async HTTP requests
    try (HttpSession.Response response = Await.of(session.get(url))) {
      return Coroutine.of(Await.of(response.text()));
    }
  }

  @Async
  static Coroutine<List<List<String>>> main(List<String> urls)
      throws IOException, InterruptedException {
    // Wrong approach (blocks the event loop)
    List<String> resultsWrong = new ArrayList<>();
    for (String url : urls) {
      resultsWrong.add(Await.of(fetchUrlWrong(url)));
    }

    // Correct approach
    List<String> resultsRight;
    try (HttpSession session = new HttpSession()) {
      List<Coroutine<String>> fetches = new ArrayList<>();
      for (String url : urls) {
        fetches.add(fetchUrlRight(session, url));
      }
      resultsRight = Await.of(gather(fetches));
    }
    return Coroutine.of(List.of(resultsWrong, resultsRight));
  }

  static List<List<String>> run(RunOptions options, List<String> args) {
    try (LocalSite site = args.isEmpty() ? LocalSite.startForExample() : null) {
      List<String> urls = site == null ? args : site.urls("/", "/about");
      return Asyncio.run(MixingSyncAsyncAsync.main(urls), options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  public static void main(String[] args) {
    run(RunOptions.create(), List.of(args));
  }
}
