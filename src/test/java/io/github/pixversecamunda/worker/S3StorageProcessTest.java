package io.github.pixversecamunda.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.pixversecamunda.download.DownloadSettings;
import io.github.pixversecamunda.download.S3Settings;
import io.github.pixversecamunda.download.S3Store;
import io.github.pixversecamunda.download.VideoDownloader;
import io.github.pixversecamunda.simulator.Endpoint;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import io.github.pixversecamunda.testing.EngineFixture;
import io.github.pixversecamunda.testing.EngineHarness;
import io.github.pixversecamunda.testing.PixverseEngineExtension;
import io.github.pixversecamunda.testing.S3Server;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped process with the S3 store on the engine: the video lands in the bucket, and a store
 * that an operator must fix is an incident that keeps the paid video reachable (never a BPMN error
 * that ends the process), with a message that says what to fix and never the secret.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3StorageProcessTest {

  private static final String TEXT = "pixverse-text-to-video";

  @RegisterExtension
  static final PixverseEngineExtension PIXVERSE = PixverseEngineExtension.withBundledProcesses();

  @TempDir static Path temp;
  private S3Server s3;
  private EngineFixture fixture;
  private EngineHarness engine;
  private PixverseSimulator simulator;

  @BeforeAll
  void startS3() {
    s3 = new S3Server(temp).start();
    try (var client = s3.client()) {
      client.createBucket(b -> b.bucket("videos"));
    }
  }

  @AfterAll
  void stopS3() {
    s3.close();
  }

  @BeforeEach
  void takeFixture(EngineFixture fixture) {
    this.fixture = fixture;
    engine = fixture.engine();
    simulator = fixture.simulator();
  }

  private void openWorkers(S3Settings settings) {
    fixture.openWorkers(
        fixture.api(),
        new VideoDownloader(
            DownloadSettings.of(fixture.storage()).withAllowLoopback(true), new S3Store(settings)));
  }

  @Test
  void theVideoOfTheShippedProcessLandsInTheBucket() {
    openWorkers(s3.settings("videos"));
    long instance =
        engine.start(TEXT, Map.of("prompt", "A dragon", "objectKey", "campaigns/{taskId}.mp4"));
    engine.awaitCompleted(instance);

    String taskId =
        engine.variable(instance, Variables.DEFAULT_SUBMIT_RESULT).path("taskId").asText();
    var file = engine.variable(instance, Variables.DEFAULT_DOWNLOAD_RESULT);
    assertThat(file.path("store").asText()).isEqualTo("s3");
    assertThat(file.path("bucket").asText()).isEqualTo("videos");
    assertThat(file.path("key").asText()).isEqualTo("campaigns/" + taskId + ".mp4");
    assertThat(file.path("uri").asText()).isEqualTo("s3://videos/campaigns/" + taskId + ".mp4");
    assertThat(file.has("path")).isFalse();
    try (var client = s3.client()) {
      assertThat(
              client
                  .headObject(b -> b.bucket("videos").key("campaigns/" + taskId + ".mp4"))
                  .metadata())
          .containsEntry(S3Store.SHA256_METADATA, file.path("sha256").asText());
    }
  }

  @Test
  void aMissingBucketIsAnIncidentThatSaysWhatToFix() {
    openWorkers(s3.settings("no-such-bucket"));
    long instance = engine.start(TEXT, Map.of("prompt", "A dragon"));
    await().atMost(EngineHarness.WAIT).until(() -> !engine.openIncidents(instance).isEmpty());

    String taskId =
        engine.variable(instance, Variables.DEFAULT_SUBMIT_RESULT).path("taskId").asText();
    assertThat(engine.openIncidents(instance))
        .singleElement()
        .asString()
        .contains("The bucket 'no-such-bucket' does not exist")
        .contains("pixverse.storage.s3.bucket")
        .contains("task " + taskId)
        .contains("the paid video is still at its URL");
    assertThat(engine.isCompleted(instance)).isFalse();
    assertThat(simulator.requests(Endpoint.SUBMIT)).isEqualTo(1);
  }

  @Test
  void refusedCredentialsAreAnIncidentWithoutTheSecret() {
    String secret = "a-secret-that-must-stay-secret";
    openWorkers(s3.settings("videos").withCredentials(S3Server.ACCESS_KEY, secret));
    long instance = engine.start(TEXT, Map.of("prompt", "A dragon"));
    await().atMost(EngineHarness.WAIT).until(() -> !engine.openIncidents(instance).isEmpty());

    assertThat(engine.openIncidents(instance))
        .singleElement()
        .asString()
        .containsAnyOf("refused the worker's credentials", "or fix its credentials")
        .doesNotContain(secret);
    assertThat(engine.allVariableValues()).noneMatch(v -> v.contains(secret));
  }
}
