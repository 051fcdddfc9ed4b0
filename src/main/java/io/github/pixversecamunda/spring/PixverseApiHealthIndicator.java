package io.github.pixversecamunda.spring;

import io.github.pixversecamunda.api.ApiCallHistory;
import io.github.pixversecamunda.api.ErrorKind;
import io.github.pixversecamunda.api.PixverseClientConfig;
import java.time.Instant;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Health of the PixVerse side, component {@code pixverseApi}: the configuration and the recent
 * outcome of real API calls. It never calls the API itself (there is no free call to check a key,
 * and a submit costs credits). DOWN once {@code pixverse.health.authentication-failures} calls in a
 * row were refused for the key; the next accepted call brings it back UP. The key itself is never
 * shown.
 */
public class PixverseApiHealthIndicator extends AbstractHealthIndicator {

  private final PixverseClientConfig config;
  private final ApiCallHistory history;
  private final int authenticationFailuresDown;

  /**
   * A health component that reads the client's call history and never calls the API itself.
   *
   * @param config the client's settings, shown without the key
   * @param history what recent calls answered
   * @param authenticationFailuresDown refusals of the key in a row after which the component is
   *     DOWN
   */
  public PixverseApiHealthIndicator(
      PixverseClientConfig config, ApiCallHistory history, int authenticationFailuresDown) {
    super("PixVerse API health check failed");
    this.config = config;
    this.history = history;
    this.authenticationFailuresDown = authenticationFailuresDown;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    ApiCallHistory.Snapshot recent = history.snapshot();
    if (recent.authenticationFailuresInARow() >= authenticationFailuresDown) {
      builder
          .down()
          .withDetail(
              "reason",
              "the API refused the key on the last "
                  + recent.authenticationFailuresInARow()
                  + " calls: fix pixverse.api-key");
    } else {
      builder.up();
    }
    builder
        .withDetail("baseUrl", config.baseUrl().toString())
        .withDetail("maxInFlight", config.maxInFlight())
        .withDetail("requestTimeout", config.requestTimeout().toString())
        .withDetail("calls", recent.calls())
        .withDetail("authenticationFailuresInARow", recent.authenticationFailuresInARow());
    if (recent.lastSuccessAt() != null) {
      builder.withDetail("lastSuccessAt", recent.lastSuccessAt().toString());
    }
    // A failure is recorded with its time and its kind together.
    Instant lastFailureAt = recent.lastFailureAt();
    ErrorKind lastFailure = recent.lastFailure();
    if (lastFailureAt != null && lastFailure != null) {
      builder
          .withDetail("lastFailureAt", lastFailureAt.toString())
          .withDetail("lastFailure", lastFailure.name());
    }
  }
}
