package io.github.pixversecamunda.download;

import java.net.URI;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where and how the S3 store writes. Credentials are either both given here (worker configuration)
 * or both absent, and then come from the AWS SDK's default chain (environment, web identity / IRSA,
 * container and instance profiles); never from a process variable.
 *
 * @param bucket the bucket; it must exist
 * @param keyPrefix prepended to every object key, e.g. {@code videos/}; empty for none
 * @param region the bucket's region (any value for most S3-compatible servers)
 * @param endpoint endpoint override for S3-compatible servers (MinIO, Ceph, R2, GCS); null for AWS
 * @param pathStyle path-style addressing ({@code endpoint/bucket/key}), which MinIO and Ceph need
 * @param encryption server-side encryption
 * @param kmsKeyId the KMS key for {@link Encryption#KMS}; null for the bucket's default key
 * @param storageClass e.g. {@code STANDARD_IA}; null for the bucket's default
 * @param partSize bytes per multipart part, at least 5 MiB (S3's minimum); the memory one upload
 *     holds
 * @param accessKeyId static access key id, or null for the default chain
 * @param secretAccessKey static secret key, or null for the default chain; never logged
 */
public record S3Settings(
    String bucket,
    String keyPrefix,
    String region,
    @Nullable URI endpoint,
    boolean pathStyle,
    Encryption encryption,
    @Nullable String kmsKeyId,
    @Nullable String storageClass,
    int partSize,
    @Nullable String accessKeyId,
    @Nullable String secretAccessKey) {

  public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
  public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;

  /** The region when none is given; most S3-compatible servers accept any. */
  public static final String DEFAULT_REGION = "us-east-1";

  /** Server-side encryption of the stored objects. */
  public enum Encryption {
    /** The bucket's default. */
    NONE,
    /** SSE-S3 (AES-256, keys managed by the storage service). */
    S3,
    /** SSE-KMS, with {@code kmsKeyId} or the account's default KMS key. */
    KMS
  }

  /**
   * Checks the bucket, the key prefix, the part size and the credentials, and fills in the
   * defaults: no prefix, {@link #DEFAULT_REGION}, no encryption, {@link #DEFAULT_PART_SIZE} for 0.
   *
   * @param bucket the bucket; it must exist
   * @param keyPrefix prepended to every object key, e.g. {@code videos/}; empty for none
   * @param region the bucket's region (any value for most S3-compatible servers)
   * @param endpoint endpoint override for S3-compatible servers (MinIO, Ceph, R2, GCS); null for
   *     AWS
   * @param pathStyle path-style addressing ({@code endpoint/bucket/key}), which MinIO and Ceph need
   * @param encryption server-side encryption
   * @param kmsKeyId the KMS key for {@link Encryption#KMS}; null for the bucket's default key
   * @param storageClass e.g. {@code STANDARD_IA}; null for the bucket's default
   * @param partSize bytes per multipart part, at least 5 MiB (S3's minimum); the memory one upload
   *     holds
   * @param accessKeyId static access key id, or null for the default chain
   * @param secretAccessKey static secret key, or null for the default chain; never logged
   * @throws IllegalArgumentException naming the {@code pixverse.storage.s3.*} property that is
   *     wrong
   */
  public S3Settings {
    if (bucket == null || bucket.isBlank()) {
      throw new IllegalArgumentException(
          "pixverse.storage.s3.bucket is required when pixverse.storage.type=s3");
    }
    keyPrefix = keyPrefix == null ? "" : keyPrefix;
    if (!keyPrefix.isEmpty()) {
      ObjectKeys.resolve(keyPrefix + "x", null); // the same rules as a key
    }
    region = region == null || region.isBlank() ? DEFAULT_REGION : region;
    encryption = Objects.requireNonNullElse(encryption, Encryption.NONE);
    partSize = partSize == 0 ? DEFAULT_PART_SIZE : partSize;
    if (partSize < MIN_PART_SIZE) {
      throw new IllegalArgumentException(
          "pixverse.storage.s3.part-size must be at least 5MB (S3's smallest part), was "
              + partSize);
    }
    if ((accessKeyId == null) != (secretAccessKey == null)) {
      throw new IllegalArgumentException(
          "pixverse.storage.s3.access-key-id and secret-access-key go together: set both, or"
              + " neither to use the default credential chain");
    }
  }

  /**
   * Bucket, default region, no endpoint override, default credential chain.
   *
   * @param bucket the bucket; it must exist
   * @return the settings
   */
  public static S3Settings of(String bucket) {
    return new S3Settings(
        bucket,
        "",
        DEFAULT_REGION,
        null,
        false,
        Encryption.NONE,
        null,
        null,
        DEFAULT_PART_SIZE,
        null,
        null);
  }

  /**
   * {@return a copy that talks to an S3-compatible server}
   *
   * @param endpoint the server, or null for AWS
   * @param pathStyle whether the bucket goes into the path (MinIO, Ceph) rather than the host name
   */
  public S3Settings withEndpoint(@Nullable URI endpoint, boolean pathStyle) {
    return new S3Settings(
        bucket,
        keyPrefix,
        region,
        endpoint,
        pathStyle,
        encryption,
        kmsKeyId,
        storageClass,
        partSize,
        accessKeyId,
        secretAccessKey);
  }

  /**
   * {@return a copy with static credentials}
   *
   * @param accessKeyId the access key id, or null (with the secret) for the default chain
   * @param secretAccessKey the secret key, or null (with the id) for the default chain
   * @throws IllegalArgumentException when only one of the two is given
   */
  public S3Settings withCredentials(
      @Nullable String accessKeyId, @Nullable String secretAccessKey) {
    return new S3Settings(
        bucket,
        keyPrefix,
        region,
        endpoint,
        pathStyle,
        encryption,
        kmsKeyId,
        storageClass,
        partSize,
        accessKeyId,
        secretAccessKey);
  }

  /**
   * {@return a copy that writes every object below this prefix}
   *
   * @param prefix e.g. {@code videos/}; empty for none
   * @throws DownloadException of kind {@link DownloadException.Kind#INVALID_NAME} when the prefix
   *     breaks the object key rules
   */
  public S3Settings withKeyPrefix(String prefix) {
    return new S3Settings(
        bucket,
        prefix,
        region,
        endpoint,
        pathStyle,
        encryption,
        kmsKeyId,
        storageClass,
        partSize,
        accessKeyId,
        secretAccessKey);
  }

  /**
   * {@return a copy that uploads in parts of this size}
   *
   * @param size bytes per part, at least {@link #MIN_PART_SIZE}
   * @throws IllegalArgumentException when the size is smaller
   */
  public S3Settings withPartSize(int size) {
    return new S3Settings(
        bucket,
        keyPrefix,
        region,
        endpoint,
        pathStyle,
        encryption,
        kmsKeyId,
        storageClass,
        size,
        accessKeyId,
        secretAccessKey);
  }

  /** Never the secret key: records print their components. */
  @Override
  public String toString() {
    return "S3Settings[bucket="
        + bucket
        + ", keyPrefix="
        + keyPrefix
        + ", region="
        + region
        + ", endpoint="
        + endpoint
        + ", pathStyle="
        + pathStyle
        + ", encryption="
        + encryption
        + ", storageClass="
        + storageClass
        + ", partSize="
        + partSize
        + ", credentials="
        + (accessKeyId == null ? "default chain" : "static")
        + "]";
  }
}
