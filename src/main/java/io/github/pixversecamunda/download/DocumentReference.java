package io.github.pixversecamunda.download;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A Camunda document reference, shaped as Camunda's connectors read one from a variable (an e-mail
 * attachment, a REST multipart part, an S3 upload): the {@code camunda.document.type} marker,
 * store, id, content hash and metadata.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentReference(
    @JsonProperty("camunda.document.type") String documentType,
    String storeId,
    String documentId,
    String contentHash,
    Metadata metadata) {

  public static final String CAMUNDA = "camunda";

  /** The document's metadata as the store reports it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Metadata(
      String contentType,
      String fileName,
      String expiresAt,
      Long size,
      String processDefinitionId,
      Long processInstanceKey,
      Map<String, Object> customProperties) {}
}
