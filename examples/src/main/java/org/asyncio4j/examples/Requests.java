package org.asyncio4j.examples;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A blocking HTTP GET, standing in for Python's synchronous {@code requests} library in the
 * ports that compare blocking and asynchronous fetches. It blocks the calling thread until the
 * whole response has arrived.
 */
final class Requests {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

  private Requests() {}

  /** A response: its status and its body as text. */
  record Response(int status, String text) {}

  /** Python's {@code requests.get(url)}. */
  static Response get(String url) throws IOException, InterruptedException {
    HttpResponse<String> r = CLIENT.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.body());
  }
}
