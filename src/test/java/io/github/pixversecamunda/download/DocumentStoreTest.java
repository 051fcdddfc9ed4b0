package io.github.pixversecamunda.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.github.pixversecamunda.testing.DocumentEndpoint;
import io.github.pixversecamunda.testing.VideoHost;
import io.github.pixversecamunda.worker.Results;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The document store with the real Camunda client ({@code newCreateDocumentCommand}) against a
 * stand-in of the documents endpoint of Camunda's REST API ({@link DocumentEndpoint}); not run
 * against a live cluster.
 */
class DocumentStoreTest {

  @TempDir Path spool;
  private DocumentEndpoint endpoint;
  private CamundaClient camunda;
  private VideoHost host;

  @BeforeEach
  void start() {
    endpoint = new DocumentEndpoint("gcp", Set.of("gcp", "videos"));
    camunda =
        CamundaClient.newClientBuilder()
            .restAddress(endpoint.restAddress())
            .grpcAddress(URI.create("http://127.0.0.1:1"))
            .preferRestOverGrpc(true)
            .build();
    host = new VideoHost();
  }

  @AfterEach
  void stop() {
    host.close();
    camunda.close();
    endpoint.close();
  }

  private VideoDownloader downloader(DocumentSettings settings) {
    return new VideoDownloader(
        DownloadSettings.of(spool).withAllowLoopback(true), new DocumentStore(camunda, settings));
  }

  private DocumentSettings settings(String storeId, long maxBytes) {
    return new DocumentSettings(storeId, Duration.ofDays(7), maxBytes, spool);
  }

  @Test
  void theVideoBecomesADocumentWhoseReferenceTheConnectorsRead() throws Exception {
    try (VideoDownloader downloader = downloader(settings("videos", 0))) {
      StoredVideo stored =
          downloader.download(host.url(1, 250_000), "clips/{taskId}.mp4", "task-1", false);

      DocumentEndpoint.Received received = endpoint.received().get(0);
      assertThat(received.parts()).containsExactly("file", "metadata");
      assertThat(received.storeId()).isEqualTo("videos");
      assertThat(received.size()).isEqualTo(250_000);
      assertThat(received.sha256()).isEqualTo(VideoHost.sha256(1, 250_000));
      assertThat(received.metadata())
          .containsEntry("contentType", "video/mp4")
          .containsEntry("fileName", "task-1.mp4")
          .containsKey("expiresAt");
      assertThat(received.metadata().get("customProperties"))
          .isEqualTo(
              Map.of(
                  "pixverseTaskId", "task-1",
                  "objectKey", "clips/task-1.mp4",
                  "sha256", stored.sha256()));

      assertThat(stored.store()).isEqualTo(StoreKind.DOCUMENT);
      DocumentReference reference = stored.document();
      assertThat(reference.storeId()).isEqualTo("videos");
      assertThat(stored.uri()).isEqualTo("camunda-document:videos/" + reference.documentId());
      // As the process variable holds it: the shape Camunda's connectors take as a document.
      Map<String, Object> variable = Results.toVariable(stored);
      @SuppressWarnings("unchecked")
      Map<String, Object> document = (Map<String, Object>) variable.get("document");
      assertThat(document)
          .containsEntry("camunda.document.type", "camunda")
          .containsEntry("storeId", "videos")
          .containsEntry("documentId", reference.documentId())
          .containsKey("metadata");
      assertThat(variable).doesNotContainKeys("path", "bucket");
      try (var left = Files.list(spool)) {
        assertThat(left).isEmpty(); // the spool file is gone
      }
    }
  }

  @Test
  void aVideoAboveTheStoresLimitIsRefusedBeforeAnyUpload() {
    try (VideoDownloader downloader = downloader(settings(null, 100_000))) {
      assertThatThrownBy(() -> downloader.download(host.url(2, 100_001), null, "task-2", false))
          .isInstanceOfSatisfying(
              DownloadException.class,
              e -> assertThat(e.kind()).isEqualTo(DownloadException.Kind.REFUSED))
          .hasMessageContaining("above the document store's limit of 100000 bytes")
          .hasMessageContaining("Camunda SaaS accepts 10 MB")
          .hasMessageContaining("Nothing was uploaded");
    }
    assertThat(endpoint.received()).isEmpty();
  }

  @Test
  void theDefaultLimitIsCamundaSaasTenMegabytes() {
    assertThat(DocumentSettings.defaults().maxBytes()).isEqualTo(10L * 1024 * 1024);
  }

  @Test
  void anUnknownStoreIsAStorageProblemNamingTheSetting() {
    try (VideoDownloader downloader = downloader(settings("no-such-store", 0))) {
      assertThatThrownBy(() -> downloader.download(host.url(3, 1000), null, "task-3", false))
          .isInstanceOfSatisfying(
              DownloadException.class,
              e -> assertThat(e.kind()).isEqualTo(DownloadException.Kind.STORAGE))
          .hasMessageContaining("HTTP 400")
          .hasMessageContaining("Document store with id 'no-such-store' does not exist")
          .hasMessageContaining("pixverse.storage.document.store-id");
    }
  }

  @Test
  void anUnreachableClusterIsTransient() {
    try (CamundaClient nowhere =
            CamundaClient.newClientBuilder()
                .restAddress(URI.create("http://127.0.0.1:1"))
                .grpcAddress(URI.create("http://127.0.0.1:1"))
                .preferRestOverGrpc(true)
                .build();
        VideoDownloader downloader =
            new VideoDownloader(
                DownloadSettings.of(spool).withAllowLoopback(true),
                new DocumentStore(nowhere, settings(null, 0)))) {
      assertThatThrownBy(() -> downloader.download(host.url(4, 1000), null, "task-4", false))
          .isInstanceOfSatisfying(
              DownloadException.class,
              e -> assertThat(e.kind()).isEqualTo(DownloadException.Kind.TRANSIENT))
          .hasMessageContaining("could not be reached");
    }
  }
}
