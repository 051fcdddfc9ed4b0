package io.github.pixversecamunda.download;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.ProblemDetail;
import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.command.CreateDocumentCommandStep1.CreateDocumentCommandStep2;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.DocumentMetadata;
import io.camunda.client.api.response.DocumentReferenceResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * Keeps videos in Camunda's document store ({@code newCreateDocumentCommand}), so that the result
 * is a document reference Camunda's connectors take as input (an e-mail attachment, a REST
 * multipart part, an upload to another system). A document store has a size limit per document
 * (Camunda SaaS: 10 MB): a video above it is refused before any upload, by its declared length when
 * the host gives one, else as soon as the stream passes the limit.
 *
 * <p>The video is spooled to a temporary file while it is checked (size, SHA-256, complete), and
 * only a complete video is uploaded; the file is deleted afterwards. The document carries the task
 * id, the object key and the SHA-256 in its custom metadata. The store assigns document ids, so a
 * repeated job creates a second document; the first expires with its time to live.
 */
public final class DocumentStore implements VideoStore {

  private final CamundaClient camunda;
  private final DocumentSettings settings;

  /**
   * A store that creates documents through the application's Camunda client.
   *
   * @param camunda the client (REST) of the cluster whose document store keeps the videos
   * @param settings which store, the time to live, the size ceiling and the spool directory
   */
  public DocumentStore(CamundaClient camunda, DocumentSettings settings) {
    this.camunda = camunda;
    this.settings = settings;
  }

  @Override
  public StoreKind kind() {
    return StoreKind.DOCUMENT;
  }

  @Override
  public String describe() {
    return "Camunda's document store "
        + (settings.storeId() == null ? "(the cluster's default)" : "'" + settings.storeId() + "'");
  }

  @Override
  public void ready() {
    if (!Files.isDirectory(settings.spoolDirectory())) {
      throw new DownloadException(
          DownloadException.Kind.STORAGE,
          "The spool directory " + settings.spoolDirectory() + " of the document store is missing");
    }
  }

  @Override
  public Placement put(VideoStream video, String key, @Nullable String taskId, boolean overwrite)
      throws IOException {
    if (video.declaredLength().isPresent()
        && video.declaredLength().getAsLong() > settings.maxBytes()) {
      throw tooLarge(video, video.declaredLength().getAsLong() + " bytes");
    }
    Path spool;
    try {
      spool = Files.createTempFile(settings.spoolDirectory(), ".pixverse-document-", ".part");
    } catch (IOException e) {
      throw new DownloadException(
          DownloadException.Kind.STORAGE,
          "Storage problem: cannot create a spool file in " + settings.spoolDirectory() + ": " + e,
          e);
    }
    try {
      spoolTo(video, spool);
      return Placement.document(create(video, key, taskId, spool));
    } finally {
      Files.deleteIfExists(spool);
    }
  }

  private void spoolTo(VideoStream video, Path spool) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(spool)) {
      int read;
      while ((read = video.read(buffer)) >= 0) {
        if (video.size() > settings.maxBytes()) {
          throw tooLarge(video, "more than " + settings.maxBytes() + " bytes");
        }
        out.write(buffer, 0, read);
      }
    }
  }

  private DocumentReference create(
      VideoStream video, String key, @Nullable String taskId, Path spool) throws IOException {
    Map<String, Object> custom = new LinkedHashMap<>();
    if (taskId != null) {
      custom.put("pixverseTaskId", taskId);
    }
    custom.put("objectKey", key);
    custom.put("sha256", video.sha256());
    try (InputStream content = Files.newInputStream(spool)) {
      CreateDocumentCommandStep2 command =
          camunda
              .newCreateDocumentCommand()
              .content(content)
              .fileName(ObjectKeys.fileName(key))
              .contentType(video.contentType())
              .customMetadata(custom);
      if (settings.storeId() != null) {
        command.storeId(settings.storeId());
      }
      if (settings.timeToLive() != null) {
        command.timeToLive(settings.timeToLive());
      }
      return reference(command.send().join());
    } catch (CompletionException | ClientException e) {
      throw classify(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
    }
  }

  private DownloadException tooLarge(VideoStream video, String size) {
    return new DownloadException(
        DownloadException.Kind.REFUSED,
        "The video at "
            + video.url()
            + " is "
            + size
            + ", above the document store's limit of "
            + settings.maxBytes()
            + " bytes per document (pixverse.storage.document.max-size; Camunda SaaS accepts 10"
            + " MB): keep it in S3 or a directory instead. Nothing was uploaded.");
  }

  private DownloadException classify(Throwable failure) {
    if (failure instanceof ProblemException problem) {
      ProblemDetail detail = problem.details();
      int status = problem.code();
      String what =
          detail == null
              ? String.valueOf(problem.getMessage())
              : detail.getTitle() + ": " + detail.getDetail();
      if (status >= 500 || status == 429 || status == 408) {
        return new DownloadException(
            DownloadException.Kind.TRANSIENT,
            "The document store answered HTTP " + status + " (" + what + ")",
            failure);
      }
      return new DownloadException(
          DownloadException.Kind.STORAGE,
          "The document store refused the video: HTTP "
              + status
              + " ("
              + what
              + "). Check pixverse.storage.document.store-id (store "
              + (settings.storeId() == null ? "default" : "'" + settings.storeId() + "'")
              + ") and the cluster's document store configuration",
          failure);
    }
    return new DownloadException(
        DownloadException.Kind.TRANSIENT,
        "The document store could not be reached: "
            + failure
            + " (check the Camunda client's REST address)",
        failure);
  }

  private static DocumentReference reference(DocumentReferenceResponse response) {
    DocumentMetadata metadata = response.getMetadata();
    return new DocumentReference(
        DocumentReference.CAMUNDA,
        response.getStoreId(),
        response.getDocumentId(),
        response.getContentHash(),
        metadata == null
            ? null
            : new DocumentReference.Metadata(
                metadata.getContentType(),
                metadata.getFileName(),
                metadata.getExpiresAt() == null ? null : metadata.getExpiresAt().toString(),
                metadata.getSize(),
                metadata.getProcessDefinitionId(),
                metadata.getProcessInstanceKey(),
                metadata.getCustomProperties()));
  }
}
