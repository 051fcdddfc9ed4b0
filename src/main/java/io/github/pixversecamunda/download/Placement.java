package io.github.pixversecamunda.download;

import org.jspecify.annotations.Nullable;

/**
 * Where a store put a video: the store-specific part of {@link StoredVideo}.
 *
 * @param uri where the video is: a {@code file:}, {@code s3://} or {@code camunda-document:} URI
 * @param key the key as the store holds it (with the S3 key prefix); null for the key as given
 * @param path directory store: the file's absolute path
 * @param bucket S3: the bucket
 * @param versionId S3: the object's version, when the bucket keeps versions
 * @param etag S3: the object's entity tag
 * @param document document store: the created document
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

  /**
   * {@return a file of the directory store}
   *
   * @param uri the file's {@code file:} URI
   * @param path the file's absolute path
   * @param reused true when the same content was already there
   */
  public static Placement file(String uri, String path, boolean reused) {
    return new Placement(uri, null, path, null, null, null, null, reused);
  }

  /**
   * {@return an object in an S3 bucket}
   *
   * @param bucket the bucket
   * @param key the key, its prefix included
   * @param versionId the object's version, or null when the bucket keeps none
   * @param etag the object's entity tag, or null
   * @param reused true when the same content was already there
   */
  public static Placement object(
      String bucket,
      String key,
      @Nullable String versionId,
      @Nullable String etag,
      boolean reused) {
    return new Placement(
        "s3://" + bucket + "/" + key, key, null, bucket, versionId, etag, null, reused);
  }

  /**
   * {@return a document of Camunda's document store (never reused: the store assigns ids)}
   *
   * @param reference the created document
   */
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
