package io.github.pixversecamunda.download;

import org.jspecify.annotations.Nullable;

/**
 * Where a store put a video: the store-specific part of {@link StoredVideo}.
 *
 * @param key the key as the store holds it (with the S3 key prefix); null for the key as given
 * @param reused true when the store already held the same content under the key
 */
public record Placement(
    String uri,
    @Nullable String key,
    @Nullable String path,
    @Nullable String bucket,
    @Nullable String versionId,
    @Nullable String etag,
    @Nullable DocumentReference document,
    boolean reused) {

  public static Placement file(String uri, String path, boolean reused) {
    return new Placement(uri, null, path, null, null, null, null, reused);
  }

  public static Placement object(
      String bucket,
      String key,
      @Nullable String versionId,
      @Nullable String etag,
      boolean reused) {
    return new Placement(
        "s3://" + bucket + "/" + key, key, null, bucket, versionId, etag, null, reused);
  }

  public static Placement document(DocumentReference reference) {
    return new Placement(
        "camunda-document:" + reference.storeId() + "/" + reference.documentId(),
        null,
        null,
        null,
        null,
        null,
        reference,
        false);
  }
}
