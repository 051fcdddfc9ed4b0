package io.github.pixversecamunda.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pixversecamunda.api.AccountLimits;
import io.github.pixversecamunda.api.PixverseClient;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code pixverse.limits.*} reach the client, and IDEs find them in the generated metadata. */
class AccountLimitsPropertiesTest {

  @TempDir static Path downloads;

  private final ApplicationContextRunner runner = PixverseContextRunner.withKey(downloads);

  @Test
  void theDefaultsSuitAPlanThatRefusesWithRetryAfter() {
    runner.run(
        context ->
            assertThat(context.getBean(PixverseClient.class).config().limits())
                .isEqualTo(AccountLimits.DEFAULT));
  }

  @Test
  void theLimitsAreConfiguredUnderPixverseLimits() {
    runner
        .withPropertyValues(
            "pixverse.limits.max-submits-in-flight=2",
            "pixverse.limits.first-wait=1s",
            "pixverse.limits.max-wait=30s")
        .run(
            context -> {
              PixverseClient client = context.getBean(PixverseClient.class);
              assertThat(client.config().limits())
                  .isEqualTo(new AccountLimits(2, Duration.ofSeconds(1), Duration.ofSeconds(30)));
              assertThat(client.accountLimits().limits()).isEqualTo(client.config().limits());
            });
  }

  @Test
  void theMetadataDescribesEveryLimit() throws Exception {
    JsonNode metadata;
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      metadata = new ObjectMapper().readTree(in);
    }
    List<String> described = new ArrayList<>();
    metadata
        .path("properties")
        .forEach(
            p -> {
              if (p.path("name").asText().startsWith("pixverse.limits.")
                  && !p.path("description").asText().isBlank()) {
                described.add(p.path("name").asText());
              }
            });
    assertThat(described)
        .containsExactlyInAnyOrder(
            "pixverse.limits.max-submits-in-flight",
            "pixverse.limits.first-wait",
            "pixverse.limits.max-wait");
  }
}
