package io.github.pixversecamunda.download;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Keeps videos in an S3-compatible bucket. A video up to one part is one PUT; a larger one is a
 * multipart upload of parts read one at a time into one reused buffer, so an upload holds one
 * part's memory whatever the video's size. Each request carries the SHA-256 of its bytes ({@code
 * x-amz-checksum-sha256}), which the server verifies before it accepts them; the video's own
 * SHA-256 goes into the object's metadata ({@value #SHA256_METADATA}) for a single PUT.
 *
 * <p>Nothing half-written is visible: a multipart upload becomes an object only when it is
 * completed, after the last byte arrived and was checked; a failure aborts it. An upload whose
 * worker died cannot abort itself: the next attempt for the same key aborts the stale uploads it
 * finds under that key, and the bucket's lifecycle rule for incomplete uploads is the backstop.
 *
 * <p>Before an object is made visible the key is checked: the same SHA-256 is reused (a repeated
 * job), other content is {@link DownloadException.Kind#EXISTS} unless overwriting is on. An object
 * without the metadata (written by something else) is hashed by reading it back.
 */
public final class S3Store implements VideoStore {

  /** User metadata: the hex SHA-256 of the whole video. */
  public static final String SHA256_METADATA = "sha256";

  /** User metadata: the PixVerse task the video belongs to. */
  public static final String TASK_ID_METADATA = "pixverse-task-id";

  private final S3Settings settings;
  private final S3Client s3;

  /**
   * A store with its own S3 client, from the static credentials of the settings or else the AWS
   * SDK's default chain; closed with the store.
   *
   * @param settings the bucket and how to write into it
   */
  public S3Store(S3Settings settings) {
    this.settings = settings;
    AwsCredentialsProvider credentials =
        settings.accessKeyId() == null
            ? DefaultCredentialsProvider.builder().build()
            : StaticCredentialsProvider.create(
                AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
    S3ClientBuilder builder =
        S3Client.builder()
            .region(Region.of(settings.region()))
            .credentialsProvider(credentials)
            .forcePathStyle(settings.pathStyle())
            // The worker sends its own SHA-256 per request; no second, automatic checksum.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    this.s3 = builder.build();
  }

  /** {@return where and how this store writes (credentials masked in its {@code toString()})} */
  public S3Settings settings() {
    return settings;
  }

  @Override
  public StoreKind kind() {
    return StoreKind.S3;
  }

  @Override
  public String describe() {
    return "s3://"
        + settings.bucket()
        + "/"
        + settings.keyPrefix()
        + (settings.endpoint() == null ? "" : " at " + settings.endpoint());
  }

  @Override
  public Placement put(VideoStream video, String key, @Nullable String taskId, boolean overwrite)
      throws IOException {
    String objectKey = settings.keyPrefix() + key;
    byte[] part = new byte[partBuffer(video)];
    int filled = fill(video, part);
    if (filled < part.length) {
      // The whole video fits in one part: one PUT, checked by the server against its SHA-256.
      return single(video, objectKey, taskId, part, filled, overwrite);
    }
    return multipart(video, objectKey, taskId, part, filled, overwrite);
  }

  /** One part's buffer, smaller when the host declared a smaller video. */
  private int partBuffer(VideoStream video) {
    long declared = video.declaredLength().orElse(Long.MAX_VALUE);
    // One byte more than a declared small video, so that its end is seen in the first fill.
    return (int) Math.min(settings.partSize(), Math.max(declared + 1, 64 * 1024));
  }

  private Placement single(
      VideoStream video,
      String key,
      @Nullable String taskId,
      byte[] bytes,
      int length,
      boolean overwrite) {
    String digest = video.sha256();
    Optional<Placement> existing = existing(key, digest, overwrite);
    if (existing.isPresent()) {
      return existing.get();
    }
    PutObjectRequest.Builder put =
        PutObjectRequest.builder()
            .bucket(settings.bucket())
            .key(key)
            .contentType(video.contentType())
            .contentLength((long) length)
            .metadata(metadata(taskId, digest))
            .checksumAlgorithm(ChecksumAlgorithm.SHA256)
            .checksumSHA256(base64(HexFormat.of().parseHex(digest)));
    storageOptions(put);
    var response =
        call(
            "s3:PutObject",
            key,
            () -> s3.putObject(put.build(), body(bytes, length, video.contentType())));
    return Placement.object(settings.bucket(), key, response.versionId(), response.eTag(), false);
  }

  private Placement multipart(
      VideoStream video,
      String key,
      @Nullable String taskId,
      byte[] part,
      int filled,
      boolean overwrite)
      throws IOException {
    abortStaleUploads(key);
    CreateMultipartUploadRequest.Builder create =
        CreateMultipartUploadRequest.builder()
            .bucket(settings.bucket())
            .key(key)
            .contentType(video.contentType())
            .checksumAlgorithm(ChecksumAlgorithm.SHA256)
            .metadata(metadata(taskId, null));
    storageOptions(create);
    String uploadId =
        call("s3:PutObject", key, () -> s3.createMultipartUpload(create.build())).uploadId();
    boolean completed = false;
    try {
      List<CompletedPart> parts = new ArrayList<>();
      int length = filled;
      while (length > 0) {
        parts.add(uploadPart(key, uploadId, parts.size() + 1, part, length));
        length = fill(video, part);
      }
      String digest = video.sha256();
      Optional<Placement> existing = existing(key, digest, overwrite);
      if (existing.isPresent()) {
        return existing.get(); // the finally block aborts this upload
      }
      var done =
          call(
              "s3:PutObject",
              key,
              () ->
                  s3.completeMultipartUpload(
                      b ->
                          b.bucket(settings.bucket())
                              .key(key)
                              .uploadId(uploadId)
                              .multipartUpload(
                                  CompletedMultipartUpload.builder().parts(parts).build())));
      completed = true;
      return Placement.object(settings.bucket(), key, done.versionId(), done.eTag(), false);
    } finally {
      if (!completed) {
        abort(key, uploadId);
      }
    }
  }

  private CompletedPart uploadPart(
      String key, String uploadId, int number, byte[] part, int length) {
    MessageDigest sha256 = VideoStream.newDigest();
    sha256.update(part, 0, length);
    String checksum = base64(sha256.digest());
    UploadPartResponse response =
        call(
            "s3:PutObject",
            key,
            () ->
                s3.uploadPart(
                    b ->
                        b.bucket(settings.bucket())
                            .key(key)
                            .uploadId(uploadId)
                            .partNumber(number)
                            .contentLength((long) length)
                            .checksumAlgorithm(ChecksumAlgorithm.SHA256)
                            .checksumSHA256(checksum),
                    body(part, length, "application/octet-stream")));
    return CompletedPart.builder()
        .partNumber(number)
        .eTag(response.eTag())
        .checksumSHA256(checksum)
        .build();
  }

  /** Uploads of this very key that a dead worker left behind. */
  private void abortStaleUploads(String key) {
    List<MultipartUpload> uploads =
        call(
                "s3:ListBucketMultipartUploads",
                key,
                () -> s3.listMultipartUploads(b -> b.bucket(settings.bucket()).prefix(key)))
            .uploads();
    for (MultipartUpload upload : uploads) {
      if (upload.key().equals(key)) {
        abort(key, upload.uploadId());
      }
    }
  }

  private void abort(String key, String uploadId) {
    try {
      s3.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId));
    } catch (RuntimeException e) {
      // The server is gone or refuses: the next attempt for this key, or the bucket's lifecycle
      // rule, removes the parts. The upload never became an object.
    }
  }

  /** What to do when the key already holds an object; empty when the new one may be written. */
  private Optional<Placement> existing(String key, String digest, boolean overwrite) {
    HeadObjectResponse head;
    try {
      head = s3.headObject(b -> b.bucket(settings.bucket()).key(key));
    } catch (S3Exception e) {
      if (e.statusCode() == 404 && !isMissingBucket(e)) {
        return Optional.empty();
      }
      throw classify("s3:GetObject", key, e);
    } catch (SdkClientException e) {
      throw unreachable(key, e);
    }
    if (overwrite) {
      return Optional.empty();
    }
    String theirs = head.metadata().get(SHA256_METADATA);
    if (theirs == null) {
      theirs = sha256Of(key);
    }
    if (!digest.equalsIgnoreCase(theirs)) {
      throw new DownloadException(
          DownloadException.Kind.EXISTS,
          "The object "
              + uri(key)
              + " already exists with other content, and overwriting is not allowed");
    }
    return Optional.of(
        Placement.object(settings.bucket(), key, head.versionId(), head.eTag(), true));
  }

  private String sha256Of(String key) {
    MessageDigest digest = VideoStream.newDigest();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in =
        call("s3:GetObject", key, () -> s3.getObject(b -> b.bucket(settings.bucket()).key(key)))) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        digest.update(buffer, 0, read);
      }
    } catch (IOException e) {
      throw new DownloadException(
          DownloadException.Kind.TRANSIENT, "Reading back " + uri(key) + " failed: " + e, e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private Map<String, String> metadata(@Nullable String taskId, @Nullable String digest) {
    Map<String, String> metadata = new LinkedHashMap<>();
    if (digest != null) {
      metadata.put(SHA256_METADATA, digest);
    }
    if (taskId != null) {
      metadata.put(TASK_ID_METADATA, taskId);
    }
    return metadata;
  }

  private void storageOptions(PutObjectRequest.Builder put) {
    switch (settings.encryption()) {
      case NONE -> {}
      case S3 -> put.serverSideEncryption(ServerSideEncryption.AES256);
      case KMS ->
          put.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(settings.kmsKeyId());
    }
    if (settings.storageClass() != null) {
      put.storageClass(settings.storageClass());
    }
  }

  private void storageOptions(CreateMultipartUploadRequest.Builder create) {
    switch (settings.encryption()) {
      case NONE -> {}
      case S3 -> create.serverSideEncryption(ServerSideEncryption.AES256);
      case KMS ->
          create
              .serverSideEncryption(ServerSideEncryption.AWS_KMS)
              .ssekmsKeyId(settings.kmsKeyId());
    }
    if (settings.storageClass() != null) {
      create.storageClass(settings.storageClass());
    }
  }

  /**
   * The buffer as a request body that the SDK re-reads from the array (for signing and retries)
   * instead of copying it: one part's memory per upload, not two.
   */
  private static RequestBody body(byte[] buffer, int length, String contentType) {
    return RequestBody.fromContentProvider(
        () -> new ByteArrayInputStream(buffer, 0, length), length, contentType);
  }

  /** Reads until the buffer is full or the video ends; the count read. */
  private static int fill(VideoStream video, byte[] buffer) throws IOException {
    int filled = 0;
    while (filled < buffer.length) {
      int read = video.read(buffer, filled, buffer.length - filled);
      if (read < 0) {
        break;
      }
      filled += read;
    }
    return filled;
  }

  private <T> T call(String action, String key, Supplier<T> request) {
    try {
      return request.get();
    } catch (S3Exception e) {
      throw classify(action, key, e);
    } catch (SdkClientException e) {
      throw unreachable(key, e);
    }
  }

  /** A refusal in an operator's terms: what to fix, never a credential. */
  private DownloadException classify(String action, String key, S3Exception e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    String where = uri(key);
    if (isMissingBucket(e)) {
      return new DownloadException(
          DownloadException.Kind.STORAGE,
          "The bucket '"
              + settings.bucket()
              + "' does not exist"
              + at()
              + ": create it or fix pixverse.storage.s3.bucket",
          e);
    }
    if ("InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code)) {
      return new DownloadException(
          DownloadException.Kind.STORAGE,
          "The S3 server refused the worker's credentials ("
              + code
              + ")"
              + at()
              + ": fix the access key in the worker's configuration or its credential chain",
          e);
    }
    if (e.statusCode() == 403) {
      // An answer without a body (HEAD) cannot tell refused credentials from a missing grant.
      boolean known = code != null && !code.isBlank() && !code.startsWith("403");
      return new DownloadException(
          DownloadException.Kind.STORAGE,
          "Access denied"
              + (known ? " (" + code + ")" : "")
              + " for "
              + action
              + " on "
              + where
              + ": grant "
              + action
              + " on arn:aws:s3:::"
              + settings.bucket()
              + "/* to the worker's role or user"
              + ("s3:GetObject".equals(action)
                  ? ", and s3:ListBucket on arn:aws:s3:::"
                      + settings.bucket()
                      + " (without it S3 answers 403 for a key that does not exist yet)"
                  : "")
              + (known ? "" : ", or fix its credentials if the server refuses them"),
          e);
    }
    if (e.statusCode() >= 500 || e.statusCode() == 429 || e.statusCode() == 408) {
      return new DownloadException(
          DownloadException.Kind.TRANSIENT,
          "The S3 server answered HTTP " + e.statusCode() + " (" + code + ") for " + where,
          e);
    }
    return new DownloadException(
        DownloadException.Kind.STORAGE,
        "The S3 server refused "
            + action
            + " on "
            + where
            + ": HTTP "
            + e.statusCode()
            + " "
            + code
            + " "
            + (e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorMessage()),
        e);
  }

  private DownloadException unreachable(String key, SdkClientException e) {
    return new DownloadException(
        DownloadException.Kind.TRANSIENT,
        "The S3 endpoint"
            + at()
            + " could not be reached for "
            + uri(key)
            + ": "
            + e.getMessage()
            + " (check pixverse.storage.s3.endpoint and the network; no object was created)",
        e);
  }

  private static boolean isMissingBucket(S3Exception e) {
    return e.awsErrorDetails() != null && "NoSuchBucket".equals(e.awsErrorDetails().errorCode());
  }

  private String at() {
    return settings.endpoint() == null ? "" : " at " + settings.endpoint();
  }

  private String uri(String key) {
    return "s3://" + settings.bucket() + "/" + key;
  }

  private static String base64(byte[] digest) {
    return Base64.getEncoder().encodeToString(digest);
  }

  @Override
  public void close() {
    s3.close();
  }
}
