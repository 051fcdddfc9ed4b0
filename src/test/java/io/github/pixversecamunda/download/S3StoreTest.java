package io.github.pixversecamunda.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.pixversecamunda.testing.S3Server;
import io.github.pixversecamunda.testing.VideoHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 store against a real S3 server on loopback (S3Proxy): single PUTs and multipart uploads
 * with server-checked SHA-256, reuse on redelivery, conflicts, refusals in an operator's terms, and
 * a server that vanishes in the middle of an upload.
 */
class S3StoreTest {

  private static final int PART = S3Settings.MIN_PART_SIZE;
  private static final long MULTIPART_SIZE = 2L * PART + 123_457;

  @TempDir static Path temp;
  private static S3Server server;
  private static S3Client inspect;
  private static VideoHost host;
  private static int buckets;

  private String bucket;

  @BeforeAll
  static void startServer() {
    server = new S3Server(temp).start();
    inspect = server.client();
    host = new VideoHost();
  }

  @AfterAll
  static void stopServer() {
    host.close();
    inspect.close();
    server.close();
  }

  @BeforeEach
  void freshBucket() {
    bucket = "videos-" + (++buckets);
    inspect.createBucket(b -> b.bucket(bucket));
  }

  private VideoDownloader downloader(S3Settings settings) {
    return new VideoDownloader(
        DownloadSettings.of(temp).withAllowLoopback(true), new S3Store(settings));
  }

  private VideoDownloader downloader() {
    return downloader(server.settings(bucket).withPartSize(PART));
  }

  private List<S3Object> objects() {
    return inspect.listObjectsV2(b -> b.bucket(bucket)).contents();
  }

  private List<MultipartUpload> incompleteUploads() {
    return inspect.listMultipartUploads(b -> b.bucket(bucket)).uploads();
  }

  private String sha256OfObject(String key) {
    return S3Server.sha256(inspect, bucket, key);
  }

  @Test
  void aSmallVideoIsOnePutWhoseSha256TheServerChecked() throws Exception {
    try (VideoDownloader downloader = downloader()) {
      StoredVideo stored =
          downloader.download(host.url(1, 300_000), "campaigns/{taskId}.mp4", "task-1", false);

      assertThat(stored.store()).isEqualTo(StoreKind.S3);
      assertThat(stored.uri()).isEqualTo("s3://" + bucket + "/campaigns/task-1.mp4");
      assertThat(stored.bucket()).isEqualTo(bucket);
      assertThat(stored.key()).isEqualTo("campaigns/task-1.mp4");
      assertThat(stored.fileName()).isEqualTo("task-1.mp4");
      assertThat(stored.etag()).isNotBlank();
      assertThat(stored.path()).isNull();
      assertThat(stored.sha256()).isEqualTo(VideoHost.sha256(1, 300_000));
      HeadObjectResponse head =
          inspect.headObject(b -> b.bucket(bucket).key("campaigns/task-1.mp4"));
      assertThat(head.contentLength()).isEqualTo(300_000);
      assertThat(head.contentType()).isEqualTo("video/mp4");
      assertThat(head.metadata())
          .containsEntry(S3Store.SHA256_METADATA, stored.sha256())
          .containsEntry(S3Store.TASK_ID_METADATA, "task-1");
      assertThat(sha256OfObject("campaigns/task-1.mp4")).isEqualTo(stored.sha256());
    }
  }

  @Test
  void theKeyPrefixIsPartOfTheKeyTheNextStepReads() throws Exception {
    try (VideoDownloader downloader =
        downloader(server.settings(bucket).withKeyPrefix("pixverse/").withPartSize(PART))) {
      StoredVideo stored = downloader.download(host.url(12, 1000), "a/{taskId}.mp4", "t12", false);

      assertThat(stored.key()).isEqualTo("pixverse/a/t12.mp4");
      assertThat(stored.uri()).isEqualTo("s3://" + bucket + "/pixverse/a/t12.mp4");
      assertThat(stored.fileName()).isEqualTo("t12.mp4");
      assertThat(objects()).extracting(S3Object::key).containsExactly("pixverse/a/t12.mp4");
    }
  }

  @Test
  void theAddressGuardAndTheCeilingHoldForS3AndLeaveNothingBehind() {
    S3Settings settings = server.settings(bucket).withPartSize(PART);
    try (VideoDownloader guarded =
        new VideoDownloader(DownloadSettings.of(temp), new S3Store(settings))) {
      assertThatThrownBy(() -> guarded.download(host.url(13, 1000), null, "t13", false))
          .isInstanceOfSatisfying(
              DownloadException.class,
              e -> assertThat(e.kind()).isEqualTo(DownloadException.Kind.REFUSED));
    }
    try (VideoDownloader small =
        new VideoDownloader(
            DownloadSettings.of(temp).withAllowLoopback(true).withMaxBytes(PART + 1000L),
            new S3Store(settings))) {
      // No length is declared, and the ceiling is above one part: the multipart upload is under
      // way when the stream passes the ceiling.
      assertThatThrownBy(
              () -> small.download(host.chunkedUrl(14, MULTIPART_SIZE), null, "t14", false))
          .isInstanceOfSatisfying(
              DownloadException.class,
              e -> assertThat(e.kind()).isEqualTo(DownloadException.Kind.REFUSED));
    }
    assertThat(objects()).isEmpty();
    assertThat(incompleteUploads()).isEmpty();
  }

  @Test
  void theServerRefusesBytesThatDoNotMatchTheChecksumHeader() {
    // What makes the header a check and not a label: this server verifies it.
    String wrong = java.util.Base64.getEncoder().encodeToString(new byte[32]);
    assertThatThrownBy(
            () ->
                inspect.putObject(
                    b ->
                        b.bucket(bucket)
                            .key("tampered.mp4")
                            .checksumAlgorithm("SHA256")
                            .checksumSHA256(wrong),
                    software.amazon.awssdk.core.sync.RequestBody.fromString("not those bytes")))
        .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
    assertThat(objects()).isEmpty();
  }

  @Test
  void aLargeVideoIsAMultipartUploadCompletedOnlyAtTheEnd() throws Exception {
    try (VideoDownloader downloader = downloader()) {
      StoredVideo stored =
          downloader.download(host.url(2, MULTIPART_SIZE), "big/{taskId}.mp4", "task-2", false);

      assertThat(stored.sizeBytes()).isEqualTo(MULTIPART_SIZE);
      assertThat(stored.sha256()).isEqualTo(VideoHost.sha256(2, MULTIPART_SIZE));
      assertThat(sha256OfObject("big/task-2.mp4")).isEqualTo(stored.sha256());
      assertThat(objects()).hasSize(1);
      assertThat(incompleteUploads()).isEmpty();
    }
  }

  @Test
  void aRedeliveredJobReusesTheObjectWithTheSameSha256() throws Exception {
    try (VideoDownloader downloader = downloader()) {
      StoredVideo first = downloader.download(host.url(3, 200_000), null, "task-3", false);
      StoredVideo again = downloader.download(host.url(3, 200_000), null, "task-3", false);
      StoredVideo bigFirst =
          downloader.download(host.url(4, MULTIPART_SIZE), "big.mp4", "task-4", false);
      StoredVideo bigAgain =
          downloader.download(host.url(4, MULTIPART_SIZE), "big.mp4", "task-4", false);

      assertThat(first.reused()).isFalse();
      assertThat(again.reused()).isTrue();
      assertThat(again.etag()).isEqualTo(first.etag());
      assertThat(bigFirst.reused()).isFalse();
      assertThat(bigAgain.reused()).isTrue(); // hashed back: multipart objects carry no digest
      assertThat(objects()).extracting(S3Object::key).containsExactly("big.mp4", "task-3.mp4");
      assertThat(incompleteUploads()).isEmpty();
    }
  }

  @Test
  void otherContentUnderTheKeyIsAConflictUnlessOverwriteIsOn() throws Exception {
    try (VideoDownloader downloader = downloader()) {
      downloader.download(host.url(5, 100_000), "same.mp4", null, false);

      assertThatThrownBy(() -> downloader.download(host.url(6, 100_000), "same.mp4", null, false))
          .isInstanceOfSatisfying(
              DownloadException.class,
              e -> assertThat(e.kind()).isEqualTo(DownloadException.Kind.EXISTS))
          .hasMessageContaining("s3://" + bucket + "/same.mp4 already exists with other content");
      assertThatThrownBy(
              () -> downloader.download(host.url(7, MULTIPART_SIZE), "same.mp4", null, false))
          .isInstanceOfSatisfying(
              DownloadException.class,
              e -> assertThat(e.kind()).isEqualTo(DownloadException.Kind.EXISTS));
      assertThat(sha256OfObject("same.mp4")).isEqualTo(VideoHost.sha256(5, 100_000));
      assertThat(incompleteUploads()).isEmpty(); // the refused multipart upload was aborted

      StoredVideo replaced = downloader.download(host.url(6, 100_000), "same.mp4", null, true);
      assertThat(sha256OfObject("same.mp4")).isEqualTo(replaced.sha256());
    }
  }

  @Test
  void aMissingBucketIsAStorageProblemNamingTheBucket() {
    try (VideoDownloader downloader = downloader(server.settings("no-such-bucket"))) {
      assertThatThrownBy(() -> downloader.download(host.url(8, 1000), null, "t", false))
          .isInstanceOfSatisfying(
              DownloadException.class,
              e -> assertThat(e.kind()).isEqualTo(DownloadException.Kind.STORAGE))
          .hasMessageContaining("The bucket 'no-such-bucket' does not exist")
          .hasMessageContaining("pixverse.storage.s3.bucket");
    }
  }

  @Test
  void refusedCredentialsAreAStorageProblemThatNeverShowsTheSecret() {
    String secret = "wrong-secret-must-not-leak";
    S3Settings wrong =
        server.settings(bucket).withCredentials(S3Server.ACCESS_KEY, secret).withPartSize(PART);
    try (VideoDownloader downloader = downloader(wrong)) {
      for (long size : new long[] {1000, MULTIPART_SIZE}) {
        assertThatThrownBy(() -> downloader.download(host.url(9, size), null, "t", false))
            .isInstanceOfSatisfying(
                DownloadException.class,
                e -> {
                  assertThat(e.kind()).isEqualTo(DownloadException.Kind.STORAGE);
                  assertThat(e.getMessage())
                      .containsAnyOf("refused the worker's credentials", "or fix its credentials")
                      .doesNotContain(secret)
                      .doesNotContain(S3Server.SECRET_KEY);
                });
      }
    }
    assertThat(objects()).isEmpty();
  }

  @Test
  void anUnreachableEndpointIsTransientAndSaysWhatToCheck() {
    S3Settings nowhere =
        S3Settings.of(bucket)
            .withEndpoint(java.net.URI.create("http://127.0.0.1:1"), true)
            .withCredentials("a", "b");
    try (VideoDownloader downloader = downloader(nowhere)) {
      assertThatThrownBy(() -> downloader.download(host.url(10, 1000), null, "t", false))
          .isInstanceOfSatisfying(
              DownloadException.class,
              e -> assertThat(e.kind()).isEqualTo(DownloadException.Kind.TRANSIENT))
          .hasMessageContaining("could not be reached")
          .hasMessageContaining("pixverse.storage.s3.endpoint");
    }
  }

  @Test
  void aServerStoppedMidUploadLeavesNoObjectAndTheRetryLeavesNoIncompleteUpload() throws Exception {
    String key = "fault/task-11.mp4";
    long size = 3L * PART;
    try (VideoDownloader downloader = downloader()) {
      host.holdAfter(PART + PART / 2);
      CompletableFuture<StoredVideo> first =
          downloader.downloadAsync(host.url(11, size), key, "task-11", false, null);
      assertThat(host.awaitHeld(30)).isTrue();
      // The first part has reached the server: the upload is under way.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  incompleteUploads().stream()
                      .anyMatch(
                          u ->
                              !inspect
                                  .listParts(b -> b.bucket(bucket).key(key).uploadId(u.uploadId()))
                                  .parts()
                                  .isEmpty()));
      server.stop();
      host.release();
      assertThatThrownBy(() -> first.get(2, TimeUnit.MINUTES))
          .cause()
          .isInstanceOfSatisfying(
              DownloadException.class,
              e -> assertThat(e.kind()).isEqualTo(DownloadException.Kind.TRANSIENT));

      server.start();
      assertThatThrownBy(() -> inspect.headObject(b -> b.bucket(bucket).key(key)))
          .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
      int leftByTheDeadAttempt = incompleteUploads().size();
      System.out.println(
          "S3 server stopped mid-upload: objects="
              + objects().size()
              + " incompleteUploads="
              + leftByTheDeadAttempt);

      StoredVideo retried = downloader.download(host.url(11, size), key, "task-11", false);
      List<S3Object> after = objects();
      List<MultipartUpload> uploadsAfter = incompleteUploads();
      System.out.println(
          "After the retry: objects="
              + after.size()
              + " incompleteUploads="
              + uploadsAfter.size()
              + " sha256ok="
              + sha256OfObject(key).equals(VideoHost.sha256(11, size)));
      assertThat(leftByTheDeadAttempt).isEqualTo(1); // the scenario happened as intended
      assertThat(after).extracting(S3Object::key).containsExactly(key);
      assertThat(uploadsAfter).isEmpty();
      assertThat(sha256OfObject(key)).isEqualTo(retried.sha256());
      assertThat(retried.sha256()).isEqualTo(VideoHost.sha256(11, size));
    } finally {
      host.release();
    }
  }
}
