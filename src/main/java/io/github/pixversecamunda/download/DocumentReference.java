package io.github.pixversecamunda.download;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Camunda document reference, shaped as Camunda's connectors read one from a variable (an e-mail
 * attachment, a REST multipart part, an S3 upload): the {@code camunda.document.type} marker,
 * store, id, content hash and metadata.
 *
 * @param documentType always {@value #CAMUNDA}: the marker connectors look for
 * @param storeId the document store that holds it
 * @param documentId the store's id of the document
 * @param contentHash the store's hash of the content
 * @param metadata what the store reports about the document
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentReference(
    @JsonProperty("camunda.document.type") String documentType,
    @Nullable String storeId,
    @Nullable String documentId,
    @Nullable String contentHash,
    @Nullable Metadata metadata) {

  public static final String CAMUNDA = "camunda";

  /**
   * The document's metadata as the store reports it.
   *
   * @param contentType the media type, e.g. {@code video/mp4}
   * @param fileName the file name a download offers
   * @param expiresAt when the store deletes the document (ISO-8601), or absent
   * @param size bytes
   * @param processDefinitionId the process the document was created for, when given
   * @param processInstanceKey the process instance, when given
   * @param customProperties the worker's own: task id, object key and SHA-256
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Metadata(
      @Nullable String contentType,
      @Nullable String fileName,
      @Nullable String expiresAt,
      @Nullable Long size,
      @Nullable String processDefinitionId,
      @Nullable Long processInstanceKey,
      @Nullable Map<String, Object> customProperties) {}
}
