package io.github.pixversecamunda.download;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Camunda document reference, shaped as Camunda's connectors read one from a variable (an e-mail
 * attachment, a REST multipart part, an S3 upload): the {@code camunda.document.type} marker,
 * store, id, content hash and metadata.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentReference(
    @JsonProperty("camunda.document.type") String documentType,
    @Nullable String storeId,
    @Nullable String documentId,
    @Nullable String contentHash,
    @Nullable Metadata metadata) {

  public static final String CAMUNDA = "camunda";

  /** The document's metadata as the store reports it. */
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
