package io.github.pixversecamunda.download;

import java.io.IOException;
import java.net.URI;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.ClassicHttpResponse;

/** A request to the file host and its open response. */
record SourceExchange(URI uri, HttpGet request, ClassicHttpResponse response) {

  /**
   * Drops the connection without reading the rest: closing a body that is not fully read would
   * drain it (possibly gigabytes, or a host that stalls) to keep the connection reusable.
   */
  void abandon() {
    request.cancel();
    close();
  }

  void close() {
    try {
      response.close();
    } catch (IOException ignored) {
      // The response is discarded anyway.
    }
  }
}
