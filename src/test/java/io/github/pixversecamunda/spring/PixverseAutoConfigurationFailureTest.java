package io.github.pixversecamunda.spring;

import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Settings the workers cannot run with stop the application at start, with a message that names
 * what to fix, instead of starting workers that fail on every job.
 */
class PixverseAutoConfigurationFailureTest {

  @TempDir static Path downloads;

  private final ApplicationContextRunner runner = PixverseContextRunner.withKey(downloads);

  private static AbstractThrowableAssert<?, ? extends Throwable> rootCause(
      AssertableApplicationContext context) {
    return PixverseContextRunner.startupFailure(context).rootCause();
  }

  @Test
  void aPollFloorOfZeroStopsTheStartAndNamesTheProperty() {
    runner
        .withPropertyValues("pixverse.poll.floor=0s")
        .run(
            context ->
                PixverseContextRunner.startupFailure(context)
                    .hasStackTraceContaining(
                        "pixverse.poll.floor and pixverse.poll.ceiling: need 0 < floor <= ceiling,"
                            + " got floor PT0S, ceiling PT1M30S"));
  }

  @Test
  void aPollCeilingBelowTheFloorStopsTheStart() {
    runner
        .withPropertyValues("pixverse.poll.floor=10s", "pixverse.poll.ceiling=5s")
        .run(
            context ->
                PixverseContextRunner.startupFailure(context)
                    .hasStackTraceContaining(
                        "pixverse.poll.floor and pixverse.poll.ceiling: need 0 < floor <= ceiling,"
                            + " got floor PT10S, ceiling PT5S"));
  }

  @Test
  void aTimeoutThatIsNoDurationStopsTheStartAndNamesTheProperty() {
    runner
        .withPropertyValues("pixverse.request-timeout=soon")
        .run(
            context ->
                PixverseContextRunner.startupFailure(context)
                    .hasStackTraceContaining(
                        "Failed to bind properties under 'pixverse.request-timeout' to"
                            + " java.time.Duration"));
  }

  @Test
  void aBlankApiKeyStopsTheStartAndSaysWhereTheKeyGoes() {
    runner
        .withPropertyValues("pixverse.api-key= ")
        .run(
            context ->
                rootCause(context)
                    .hasMessageContaining("an API key is required")
                    .hasMessageContaining("PIXVERSE_API_KEY"));
  }

  @Test
  void aDownloadDirectoryThatIsAFileStopsTheStartAndNamesThePath() throws Exception {
    Path file = Files.writeString(downloads.resolve("not-a-directory"), "x");
    runner
        .withPropertyValues("pixverse.download.directory=" + file)
        .run(context -> rootCause(context).hasMessageContaining(file.toString()));
  }
}
