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

  public PixverseClientConfig withTimeouts(Duration connect, Duration request) {
    return new PixverseClientConfig(baseUrl, apiKey, connect, request, maxInFlight, limits);
  }

  public PixverseClientConfig withMaxInFlight(int max) {
    return new PixverseClientConfig(baseUrl, apiKey, connectTimeout, requestTimeout, max, limits);
  }

  public PixverseClientConfig withLimits(AccountLimits accountLimits) {
    return new PixverseClientConfig(
        baseUrl, apiKey, connectTimeout, requestTimeout, maxInFlight, accountLimits);
  }

  /** Replaces the key wherever it might appear in text that leaves the client. */
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
