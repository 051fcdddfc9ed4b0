package io.github.pixversecamunda.download;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP client that fetches videos from file hosts. Its DNS resolver is the {@link
 * AddressGuard}, so every address it connects to was judged in the same lookup that produced it. It
 * sends no credentials or cookies (the file host is not the API) and uses no proxy (a proxy would
 * resolve the host itself, out of the guard's reach). TLS verifies the certificate against the
 * URL's host name, which the request keeps; only the connection goes to the judged address.
 */
final class SourceClient implements AutoCloseable {

  /** Concurrency is bounded by the job worker's active jobs, not by the pool. */
  private static final int MAX_CONNECTIONS = 256;

  private final CloseableHttpClient http;

  /**
   * @param trust the TLS context trusting the hosts' certificates; null for the JDK's trusted roots
   */
  SourceClient(DownloadSettings settings, AddressGuard guard, @Nullable SSLContext trust) {
    Timeout requestTimeout = Timeout.of(settings.requestTimeout());
    PoolingHttpClientConnectionManager connections =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(guard)
            // The certificate is verified against the request's host name, never the judged
            // address.
            .setTlsSocketStrategy(
                trust == null
                    ? DefaultClientTlsStrategy.createDefault()
                    : new DefaultClientTlsStrategy(trust))
            .setMaxConnTotal(MAX_CONNECTIONS)
            .setMaxConnPerRoute(MAX_CONNECTIONS)
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                    .setSocketTimeout(requestTimeout)
                    .build())
            .build();
    // No redirects (followed by hand), no retries (the job decides), no decompression (the sizes
    // are those on the wire), no cookies or auth state, no proxy from system properties.
    this.http =
        HttpClients.custom()
            .setConnectionManager(connections)
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setRedirectsEnabled(false)
                    .setResponseTimeout(requestTimeout)
                    .build())
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableContentCompression()
            .disableCookieManagement()
            .disableAuthCaching()
            .build();
  }

  /**
   * Sends the GET; a refused address surfaces as the guard's DownloadException, thrown while
   * connecting.
   */
  SourceExchange send(URI uri) {
    HttpGet request = new HttpGet(uri);
    request.setHeader("Accept", "video/*, application/octet-stream;q=0.9, */*;q=0.1");
    try {
      return new SourceExchange(
          uri, request, http.executeOpen(null, request, HttpClientContext.create()));
    } catch (UnknownHostException e) {
      throw new DownloadException(
          DownloadException.Kind.TRANSIENT, "Cannot resolve host " + uri.getHost(), e);
    } catch (IOException e) {
      String what =
          e instanceof ConnectException ? "could not connect to " : "connection failed for ";
      throw new DownloadException(
          DownloadException.Kind.TRANSIENT, "Download " + what + uri + ": " + e, e);
    }
  }

  @Override
  public void close() {
    http.close(CloseMode.IMMEDIATE);
  }
}
