package io.github.pixversecamunda.download;

/**
 * A video kept in the storage directory.
 *
 * @param path absolute path of the file
 * @param sha256 lower-case hex digest of the content
 * @param reused true when an identical file was already there (a repeated download of the same
 *     video)
 */
public record StoredVideo(
    String path,
    String fileName,
    long sizeBytes,
    String sha256,
    String contentType,
    String sourceUrl,
    boolean reused) {}
