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

  /** directory, s3 or document. */
  private StoreKind type = StoreKind.DIRECTORY;

  private final S3 s3 = new S3();

  private final Document document = new Document();

  public StoreKind getType() {
    return type;
  }

  public void setType(StoreKind type) {
    this.type = type;
  }

  public S3 getS3() {
    return s3;
  }

  public Document getDocument() {
    return document;
  }

  /** An S3-compatible bucket. */
  public static class S3 {
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

    public @Nullable String getBucket() {
      return bucket;
    }

    public void setBucket(@Nullable String bucket) {
      this.bucket = bucket;
    }

    public String getKeyPrefix() {
      return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
      this.keyPrefix = keyPrefix;
    }

    public String getRegion() {
      return region;
    }

    public void setRegion(String region) {
      this.region = region;
    }

    public @Nullable URI getEndpoint() {
      return endpoint;
    }

    public void setEndpoint(@Nullable URI endpoint) {
      this.endpoint = endpoint;
    }

    public boolean isPathStyle() {
      return pathStyle;
    }

    public void setPathStyle(boolean pathStyle) {
      this.pathStyle = pathStyle;
    }

    public S3Settings.Encryption getEncryption() {
      return encryption;
    }

    public void setEncryption(S3Settings.Encryption encryption) {
      this.encryption = encryption;
    }

    public @Nullable String getKmsKeyId() {
      return kmsKeyId;
    }

    public void setKmsKeyId(@Nullable String kmsKeyId) {
      this.kmsKeyId = kmsKeyId;
    }

    public @Nullable String getStorageClass() {
      return storageClass;
    }

    public void setStorageClass(@Nullable String storageClass) {
      this.storageClass = storageClass;
    }

    public DataSize getPartSize() {
      return partSize;
    }

    public void setPartSize(DataSize partSize) {
      this.partSize = partSize;
    }

    public @Nullable String getAccessKeyId() {
      return accessKeyId;
    }

    public void setAccessKeyId(@Nullable String accessKeyId) {
      this.accessKeyId = accessKeyId;
    }

    public @Nullable String getSecretAccessKey() {
      return secretAccessKey;
    }

    public void setSecretAccessKey(@Nullable String secretAccessKey) {
      this.secretAccessKey = secretAccessKey;
    }
  }

  /** Camunda's document store, reached through the application's Camunda client (REST). */
  public static class Document {
    /** The cluster's document store id; empty for its default store. */
    private @Nullable String storeId;

    /** How long a document is kept; empty for the store's default. */
    private @Nullable Duration timeToLive;

    /** Largest video accepted; Camunda SaaS accepts 10MB per document. */
    private DataSize maxSize = DataSize.ofBytes(DocumentSettings.DEFAULT_MAX_BYTES);

    public DocumentSettings toSettings() {
      return new DocumentSettings(
          blankToNull(storeId),
          timeToLive,
          maxSize.toBytes(),
          DocumentSettings.defaultSpoolDirectory());
    }

    public @Nullable String getStoreId() {
      return storeId;
    }

    public void setStoreId(@Nullable String storeId) {
      this.storeId = storeId;
    }

    public @Nullable Duration getTimeToLive() {
      return timeToLive;
    }

    public void setTimeToLive(@Nullable Duration timeToLive) {
      this.timeToLive = timeToLive;
    }

    public DataSize getMaxSize() {
      return maxSize;
    }

    public void setMaxSize(DataSize maxSize) {
      this.maxSize = maxSize;
    }
  }

  private static @Nullable String blankToNull(@Nullable String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
