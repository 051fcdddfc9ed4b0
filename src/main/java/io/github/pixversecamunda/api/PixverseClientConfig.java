package io.github.pixversecamunda.api;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to reach the API. The key is held here and nowhere else; {@link #toString()} masks it.
 *
 * @param maxInFlight requests open at once; further calls queue without holding the caller's thread
 * @param requestTimeout the whole answer, body included, must have arrived within this time
 * @param limits how submits behave towards the account's limits
 * @param baseUrl the API's base URL, without a trailing slash
 * @param apiKey the key; {@link #toString()} masks it
 * @param connectTimeout time allowed to open a connection
 */
public record PixverseClientConfig(
    URI baseUrl,
    String apiKey,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxInFlight,
    AccountLimits limits) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
  public static final int DEFAULT_MAX_IN_FLIGHT = 64;

  /**
   * Checks the key and fills in defaults for absent timeouts, limits and a non-positive {@code
   * maxInFlight}; a trailing slash of the base URL is dropped.
   *
   * @param baseUrl the API's base URL
   * @param apiKey the key; never logged or shown
   * @param connectTimeout time allowed to open a connection
   * @param requestTimeout time allowed for one whole answer
   * @param maxInFlight requests open at once
   * @param limits how submits behave towards the account's limits
   * @throws IllegalArgumentException when the key is missing, naming the setting to fix
   */
  public PixverseClientConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException(
          "an API key is required (pixverse.api-key / PIXVERSE_API_KEY)");
    }
    connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
    requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
    maxInFlight = maxInFlight <= 0 ? DEFAULT_MAX_IN_FLIGHT : maxInFlight;
    limits = limits == null ? AccountLimits.DEFAULT : limits;
    String url = baseUrl.toString();
    if (url.endsWith("/")) {
      baseUrl = URI.create(url.substring(0, url.length() - 1));
    }
  }

  /**
   * The default timeouts and limits.
   *
   * @param baseUrl the API's base URL; null or blank for {@link WireFormat#DEFAULT_BASE_URL}
   * @param apiKey the key
   * @return the configuration
   * @throws IllegalArgumentException when the key is missing or blank
   */
  public static PixverseClientConfig of(@Nullable String baseUrl, @Nullable String apiKey) {
    return new PixverseClientConfig(
        URI.create(baseUrl == null || baseUrl.isBlank() ? WireFormat.DEFAULT_BASE_URL : baseUrl),
        // Absent reads as blank, which the constructor refuses with the setting to fix.
        apiKey == null ? "" : apiKey,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_MAX_IN_FLIGHT,
        AccountLimits.DEFAULT);
  }

  /**
   * {@return a copy with these timeouts}
   *
   * @param connect time allowed to open a connection
   * @param request time allowed for one whole answer, body included
   */
  public PixverseClientConfig withTimeouts(Duration connect, Duration request) {
    return new PixverseClientConfig(baseUrl, apiKey, connect, request, maxInFlight, limits);
  }

  /**
   * {@return a copy that keeps at most {@code max} requests open}
   *
   * @param max requests open at once; 0 or less for the default
   */
  public PixverseClientConfig withMaxInFlight(int max) {
    return new PixverseClientConfig(baseUrl, apiKey, connectTimeout, requestTimeout, max, limits);
  }

  /**
   * {@return a copy with these limits for submits}
   *
   * @param accountLimits the ceiling and waits for the account's limits
   */
  public PixverseClientConfig withLimits(AccountLimits accountLimits) {
    return new PixverseClientConfig(
        baseUrl, apiKey, connectTimeout, requestTimeout, maxInFlight, accountLimits);
  }

  /**
   * Replaces the key wherever it might appear in text that leaves the client.
   *
   * @param text any text
   * @return the text with every occurrence of the key masked
   */
  public String redact(String text) {
    return text.replace(apiKey, "****");
  }

  @Override
  public String toString() {
    return "PixverseClientConfig[baseUrl="
        + baseUrl
        + ", apiKey=****, connectTimeout="
        + connectTimeout
        + ", requestTimeout="
        + requestTimeout
        + ", maxInFlight="
        + maxInFlight
        + ", limits="
        + limits
        + "]";
  }
}
