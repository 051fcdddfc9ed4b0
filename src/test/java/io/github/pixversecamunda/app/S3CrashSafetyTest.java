package io.github.pixversecamunda.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.pixversecamunda.simulator.Endpoint;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import io.github.pixversecamunda.testing.EngineFixture;
import io.github.pixversecamunda.testing.EngineHarness;
import io.github.pixversecamunda.testing.PixverseEngineExtension;
import io.github.pixversecamunda.testing.S3Server;
import io.github.pixversecamunda.testing.WorkerProcess;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Two replicas of the worker application keep their videos in S3; one is killed (SIGKILL) while it
 * uploads. Afterwards each video is in the bucket exactly once, complete, with its SHA-256, no
 * incomplete multipart upload is left, and each video was paid once.
 */
@Tag("slow")
class S3CrashSafetyTest {

  private static final String TEXT = "pixverse-text-to-video";
  private static final String BUCKET = "videos";
  private static final long VIDEO = 12L * 1024 * 1024; // three parts of 5 MiB, the last short
  private static final int INSTANCES = 3;

  /** Longer than the download job's 30-minute timeout: the engine hands it to the other worker. */
  private static final Duration PAST_DOWNLOAD_TIMEOUT = Duration.ofMinutes(31);

  private static final Duration STARTUP = Duration.ofSeconds(60);

  @RegisterExtension
  static final PixverseEngineExtension PIXVERSE = PixverseEngineExtension.withBundledProcesses();

  @TempDir Path temp;
  private EngineFixture fixture;
  private EngineHarness engine;
  private PixverseSimulator simulator;
  private S3Server s3;
  private S3Client inspect;

  @BeforeEach
  void start(EngineFixture fixture) {
    this.fixture = fixture;
    engine = fixture.engine();
    simulator =
        fixture.startSimulator(
            s ->
                s.completeOnPoll(1)
                    .videos(VIDEO, Long.MAX_VALUE)
                    // A transfer pauses after one part and a bit: its upload stays under way.
                    .holdVideosAfter(6L * 1024 * 1024));
    // The fixture closes these after the test, after the workers and before the simulator.
    s3 = fixture.closeAfterTest(new S3Server(temp).start());
    inspect = fixture.closeAfterTest(s3.client());
    inspect.createBucket(b -> b.bucket(BUCKET));
  }

  /** Lets held transfers end before the fixture closes the workers and the simulator. */
  @AfterEach
  void releaseHeldVideos() {
    simulator.releaseVideos();
  }

  private WorkerProcess worker(String name) {
    WorkerProcess worker =
        WorkerProcess.application()
            .connectedTo(engine, simulator)
            .env("PIXVERSE_STORAGE_TYPE", "s3")
            .env("PIXVERSE_STORAGE_S3_BUCKET", BUCKET)
            .env("PIXVERSE_STORAGE_S3_ENDPOINT", s3.endpoint().toString())
            .env("PIXVERSE_STORAGE_S3_PATHSTYLE", "true")
            .env("PIXVERSE_STORAGE_S3_PARTSIZE", "5MB")
            .env("PIXVERSE_STORAGE_S3_ACCESSKEYID", S3Server.ACCESS_KEY)
            .env("PIXVERSE_STORAGE_S3_SECRETACCESSKEY", S3Server.SECRET_KEY)
            .anyFreePorts()
            .log(temp.resolve(name + ".log"))
            .start();
    return fixture.closeAfterTest(worker);
  }

  private List<MultipartUpload> uploads() {
    return inspect.listMultipartUploads(b -> b.bucket(BUCKET)).uploads();
  }

  private boolean anUploadHasAPart() {
    return uploads().stream()
        .anyMatch(
            u ->
                !inspect
                    .listParts(b -> b.bucket(BUCKET).key(u.key()).uploadId(u.uploadId()))
                    .parts()
                    .isEmpty());
  }

  @Test
  void aReplicaKilledDuringAnUploadLeavesEachVideoOnceCompleteAndPaidOnce() throws Exception {
    WorkerProcess first = worker("first");
    List<Long> instances =
        IntStream.range(0, INSTANCES)
            .mapToObj(
                i -> engine.start(TEXT, Map.of("prompt", "Stored video " + i, "deadline", "PT2H")))
            .toList();
    // Only the first replica runs yet: the upload under way is its own.
    await().atMost(STARTUP).pollInterval(Duration.ofMillis(200)).until(this::anUploadHasAPart);
    WorkerProcess second = worker("second");
    second.awaitStarted(STARTUP);
    int uploadsAtTheKill = uploads().size();

    first.kill();
    simulator.releaseVideos();
    engine.increaseTime(PAST_DOWNLOAD_TIMEOUT); // the jobs the first replica held come back
    engine.awaitAllCompletedOrAnIncident(instances, Duration.ofMinutes(3));

    List<S3Object> objects = inspect.listObjectsV2(b -> b.bucket(BUCKET)).contents();
    List<MultipartUpload> left = uploads();
    MessageDigest zeros = MessageDigest.getInstance("SHA-256");
    zeros.update(new byte[(int) VIDEO]);
    String expected = HexFormat.of().formatHex(zeros.digest());
    System.out.printf(
        "S3 crash test: uploads at the kill=%d, objects=%d for %d instances, incomplete uploads=%d,"
            + " submits=%d, tasks=%d%n",
        uploadsAtTheKill,
        objects.size(),
        INSTANCES,
        left.size(),
        simulator.requests(Endpoint.SUBMIT),
        simulator.tasksCreated());

    assertThat(uploadsAtTheKill).isPositive();
    assertThat(engine.instancesWithIncidents()).doesNotContainAnyElementsOf(instances);
    assertThat(instances)
        .allSatisfy(
            instance -> assertThat(engine.endEvents(instance)).containsExactly("end_video_ready"));
    assertThat(objects)
        .extracting(S3Object::key)
        .containsExactlyInAnyOrderElementsOf(
            simulator.taskIds().stream().map(id -> id + ".mp4").toList());
    for (S3Object object : objects) {
      assertThat(object.size()).isEqualTo(VIDEO);
      assertThat(S3Server.sha256(inspect, BUCKET, object.key())).isEqualTo(expected);
    }
    for (long instance : instances) {
      assertThat(engine.variable(instance, "pixverseFile").path("sha256").asText())
          .isEqualTo(expected);
      assertThat(engine.variable(instance, "pixverseFile").path("uri").asText())
          .startsWith("s3://" + BUCKET + "/");
    }
    assertThat(left).isEmpty();
    assertThat(simulator.requests(Endpoint.SUBMIT)).isEqualTo(INSTANCES);
    assertThat(simulator.tasksCreated()).isEqualTo(INSTANCES);
    assertThat(second.log()).doesNotContain(S3Server.SECRET_KEY);
  }
}
