package io.github.pixversecamunda.spring;

import io.github.pixversecamunda.download.DocumentSettings;
import io.github.pixversecamunda.download.S3Settings;
import io.github.pixversecamunda.download.StoreKind;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Where the download worker keeps videos, {@code pixverse.storage.*}: the directory of {@code
 * pixverse.download.directory} (the default), an S3-compatible bucket, or Camunda's document store.
 * This is worker configuration: a process chooses only the object key.
 */
@ConfigurationProperties(prefix = "pixverse.storage")
public class StorageProperties {

  /** The directory store, until Spring binds the configured values. */
  public StorageProperties() {}

  /** directory, s3 or document. */
  private StoreKind type = StoreKind.DIRECTORY;

  private final S3 s3 = new S3();

  private final Document document = new Document();

  /** {@return {@code pixverse.storage.type}: directory, s3 or document} */
  public StoreKind getType() {
    return type;
  }

  /**
   * Sets {@code pixverse.storage.type}.
   *
   * @param type the new value
   */
  public void setType(StoreKind type) {
    this.type = type;
  }

  /** {@return the {@code pixverse.storage.s3.*} settings} */
  public S3 getS3() {
    return s3;
  }

  /** {@return the {@code pixverse.storage.document.*} settings} */
  public Document getDocument() {
    return document;
  }

  /** An S3-compatible bucket. */
  public static class S3 {

    /** No bucket yet; default region, encryption and part size. */
    public S3() {}

    /** The bucket; it must exist. */
    private @Nullable String bucket;

    /** Prepended to every object key, e.g. videos/. */
    private String keyPrefix = "";

    /** The bucket's region. */
    private String region = S3Settings.DEFAULT_REGION;

    /** Endpoint of an S3-compatible server (MinIO, Ceph, Cloudflare R2, GCS); empty for AWS. */
    private @Nullable URI endpoint;

    /** Path-style addressing (endpoint/bucket/key), which MinIO and Ceph need. */
    private boolean pathStyle;

    /** Server-side encryption: none (the bucket's default), s3 (SSE-S3) or kms (SSE-KMS). */
    private S3Settings.Encryption encryption = S3Settings.Encryption.NONE;

    /** The KMS key id or ARN for encryption=kms; empty for the account's default key. */
    private @Nullable String kmsKeyId;

    /** Storage class, e.g. STANDARD_IA; empty for the bucket's default. */
    private @Nullable String storageClass;

    /** Bytes per multipart part (at least 5MB): the memory one upload holds. */
    private DataSize partSize = DataSize.ofBytes(S3Settings.DEFAULT_PART_SIZE);

    /** Static access key id; empty to use the AWS default credential chain (env, IRSA, profile). */
    private @Nullable String accessKeyId;

    /** Static secret key, with access-key-id; never logged. */
    private @Nullable String secretAccessKey;

    /**
     * {@return these settings as the S3 store takes them; blank texts read as absent}
     *
     * @throws IllegalArgumentException naming the property when the bucket is missing, the part
     *     size is too small or only one half of the credentials is set
     */
    public S3Settings toSettings() {
      // Absent reads as blank, which the settings refuse by naming pixverse.storage.s3.bucket.
      return new S3Settings(
          bucket == null ? "" : bucket,
          keyPrefix,
          region,
          endpoint,
          pathStyle,
          encryption,
          blankToNull(kmsKeyId),
          blankToNull(storageClass),
          (int) partSize.toBytes(),
          blankToNull(accessKeyId),
          blankToNull(secretAccessKey));
    }

    /** {@return {@code pixverse.storage.s3.bucket}: the bucket; it must exist} */
    public @Nullable String getBucket() {
      return bucket;
    }

    /**
     * Sets {@code pixverse.storage.s3.bucket}.
     *
     * @param bucket the new value
     */
    public void setBucket(@Nullable String bucket) {
      this.bucket = bucket;
    }

    /**
     * {@return {@code pixverse.storage.s3.key-prefix}: prepended to every object key, e.g. videos/}
     */
    public String getKeyPrefix() {
      return keyPrefix;
    }

    /**
     * Sets {@code pixverse.storage.s3.key-prefix}.
     *
     * @param keyPrefix the new value
     */
    public void setKeyPrefix(String keyPrefix) {
      this.keyPrefix = keyPrefix;
    }

    /** {@return {@code pixverse.storage.s3.region}: the bucket's region} */
    public String getRegion() {
      return region;
    }

    /**
     * Sets {@code pixverse.storage.s3.region}.
     *
     * @param region the new value
     */
    public void setRegion(String region) {
      this.region = region;
    }

    /**
     * {@return {@code pixverse.storage.s3.endpoint}: endpoint of an S3-compatible server (MinIO,
     * Ceph, Cloudflare R2, GCS); empty for AWS}
     */
    public @Nullable URI getEndpoint() {
      return endpoint;
    }

    /**
     * Sets {@code pixverse.storage.s3.endpoint}.
     *
     * @param endpoint the new value
     */
    public void setEndpoint(@Nullable URI endpoint) {
      this.endpoint = endpoint;
    }

    /**
     * {@return {@code pixverse.storage.s3.path-style}: path-style addressing (endpoint/bucket/key),
     * which MinIO and Ceph need}
     */
    public boolean isPathStyle() {
      return pathStyle;
    }

    /**
     * Sets {@code pixverse.storage.s3.path-style}.
     *
     * @param pathStyle the new value
     */
    public void setPathStyle(boolean pathStyle) {
      this.pathStyle = pathStyle;
    }

    /**
     * {@return {@code pixverse.storage.s3.encryption}: server-side encryption: none (the bucket's
     * default), s3 (SSE-S3) or kms (SSE-KMS)}
     */
    public S3Settings.Encryption getEncryption() {
      return encryption;
    }

    /**
     * Sets {@code pixverse.storage.s3.encryption}.
     *
     * @param encryption the new value
     */
    public void setEncryption(S3Settings.Encryption encryption) {
      this.encryption = encryption;
    }

    /**
     * {@return {@code pixverse.storage.s3.kms-key-id}: the KMS key id or ARN for encryption=kms;
     * empty for the account's default key}
     */
    public @Nullable String getKmsKeyId() {
      return kmsKeyId;
    }

    /**
     * Sets {@code pixverse.storage.s3.kms-key-id}.
     *
     * @param kmsKeyId the new value
     */
    public void setKmsKeyId(@Nullable String kmsKeyId) {
      this.kmsKeyId = kmsKeyId;
    }

    /**
     * {@return {@code pixverse.storage.s3.storage-class}: storage class, e.g. STANDARD_IA; empty
     * for the bucket's default}
     */
    public @Nullable String getStorageClass() {
      return storageClass;
    }

    /**
     * Sets {@code pixverse.storage.s3.storage-class}.
     *
     * @param storageClass the new value
     */
    public void setStorageClass(@Nullable String storageClass) {
      this.storageClass = storageClass;
    }

    /**
     * {@return {@code pixverse.storage.s3.part-size}: bytes per multipart part (at least 5MB): the
     * memory one upload holds}
     */
    public DataSize getPartSize() {
      return partSize;
    }

    /**
     * Sets {@code pixverse.storage.s3.part-size}.
     *
     * @param partSize the new value
     */
    public void setPartSize(DataSize partSize) {
      this.partSize = partSize;
    }

    /**
     * {@return {@code pixverse.storage.s3.access-key-id}: static access key id; empty to use the
     * AWS default credential chain (env, IRSA, profile)}
     */
    public @Nullable String getAccessKeyId() {
      return accessKeyId;
    }

    /**
     * Sets {@code pixverse.storage.s3.access-key-id}.
     *
     * @param accessKeyId the new value
     */
    public void setAccessKeyId(@Nullable String accessKeyId) {
      this.accessKeyId = accessKeyId;
    }

    /**
     * {@return {@code pixverse.storage.s3.secret-access-key}: static secret key, with
     * access-key-id; never logged}
     */
    public @Nullable String getSecretAccessKey() {
      return secretAccessKey;
    }

    /**
     * Sets {@code pixverse.storage.s3.secret-access-key}.
     *
     * @param secretAccessKey the new value
     */
    public void setSecretAccessKey(@Nullable String secretAccessKey) {
      this.secretAccessKey = secretAccessKey;
    }
  }

  /** Camunda's document store, reached through the application's Camunda client (REST). */
  public static class Document {

    /** The cluster's default store, its default time to live and 10 MB per video. */
    public Document() {}

    /** The cluster's document store id; empty for its default store. */
    private @Nullable String storeId;

    /** How long a document is kept; empty for the store's default. */
    private @Nullable Duration timeToLive;

    /** Largest video accepted; Camunda SaaS accepts 10MB per document. */
    private DataSize maxSize = DataSize.ofBytes(DocumentSettings.DEFAULT_MAX_BYTES);

    /**
     * {@return these settings as the document store takes them; a blank store id reads as absent}
     */
    public DocumentSettings toSettings() {
      return new DocumentSettings(
          blankToNull(storeId),
          timeToLive,
          maxSize.toBytes(),
          DocumentSettings.defaultSpoolDirectory());
    }

    /**
     * {@return {@code pixverse.storage.document.store-id}: the cluster's document store id; empty
     * for its default store}
     */
    public @Nullable String getStoreId() {
      return storeId;
    }

    /**
     * Sets {@code pixverse.storage.document.store-id}.
     *
     * @param storeId the new value
     */
    public void setStoreId(@Nullable String storeId) {
      this.storeId = storeId;
    }

    /**
     * {@return {@code pixverse.storage.document.time-to-live}: how long a document is kept; empty
     * for the store's default}
     */
    public @Nullable Duration getTimeToLive() {
      return timeToLive;
    }

    /**
     * Sets {@code pixverse.storage.document.time-to-live}.
     *
     * @param timeToLive the new value
     */
    public void setTimeToLive(@Nullable Duration timeToLive) {
      this.timeToLive = timeToLive;
    }

    /**
     * {@return {@code pixverse.storage.document.max-size}: largest video accepted; Camunda SaaS
     * accepts 10MB per document}
     */
    public DataSize getMaxSize() {
      return maxSize;
    }

    /**
     * Sets {@code pixverse.storage.document.max-size}.
     *
     * @param maxSize the new value
     */
    public void setMaxSize(DataSize maxSize) {
      this.maxSize = maxSize;
    }
  }

  private static @Nullable String blankToNull(@Nullable String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
