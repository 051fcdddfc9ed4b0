package io.github.pixversecamunda.download;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A kept video, as the next step of a process reads it ({@code pixverseFile}). The fields common to
 * every store come first; the store-specific ones are absent (not null) when they do not apply.
 *
 * @param store which store holds the video
 * @param uri {@code file:} URI of the file, {@code s3://bucket/key}, or {@code
 *     camunda-document:store/id}
 * @param key the object key as the store holds it: the resolved pattern, below the storage
 *     directory for the directory store, after the key prefix for S3
 * @param fileName the key's last segment
 * @param sha256 lower-case hex digest of the content, computed while streaming
 * @param reused true when an identical video was already there (a repeated job)
 * @param path directory store: absolute path of the file
 * @param bucket S3: the bucket
 * @param versionId S3: the object's version, when the bucket keeps versions
 * @param etag S3: the object's entity tag
 * @param document document store: the reference in the shape Camunda's connectors accept
 * @param sizeBytes the video's size
 * @param contentType the media type the file host declared
 * @param sourceUrl where the video came from, after redirects
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredVideo(
    StoreKind store,
    String uri,
    String key,
    String fileName,
    long sizeBytes,
    String sha256,
    String contentType,
    String sourceUrl,
    boolean reused,
    @Nullable String path,
    @Nullable String bucket,
    @Nullable String versionId,
    @Nullable String etag,
    @Nullable DocumentReference document) {}
