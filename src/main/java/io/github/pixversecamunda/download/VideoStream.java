package io.github.pixversecamunda.download;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/**
 * The body of the file host's answer as a store reads it: counted against the size ceiling, hashed
 * with SHA-256 while it passes, and checked at its end. A store never sees the end of a truncated
 * or empty body: instead of returning -1 the stream throws, so no store can complete an upload of
 * half a video. Every store reads through this one class, so the promises hold in all.
 *
 * <p>A host that keeps sending a byte now and then never trips the stall timeout; the stream gives
 * up when the whole transfer passes its time limit, so no body holds a thread for ever. A body
 * decoded on the way (gzip, deflate) is counted and hashed as decoded bytes, so a small bomb cannot
 * pass the ceiling, and a body that is not the encoding it announced is refused.
 */
public final class VideoStream extends InputStream {

  /** Null for an answer without a body, which reads as an early end. */
  private final @Nullable InputStream body;

  private final String url;
  private final String contentType;
  private final OptionalLong declaredLength;
  private final long maxBytes;
  private final Duration stallTimeout;
  private final Instant until;
  private final MessageDigest sha256 = newDigest();
  private long size;

  /** Set once the end of the body was reached. */
  private @Nullable String digest;

  VideoStream(
      @Nullable InputStream body,
      String url,
      String contentType,
      OptionalLong declaredLength,
      long maxBytes,
      Duration stallTimeout,
      Instant until) {
    this.body = body;
    this.url = url;
    this.contentType = contentType;
    this.declaredLength = declaredLength;
    this.maxBytes = maxBytes;
    this.stallTimeout = stallTimeout;
    this.until = until;
  }

  /**
   * The media type the file host declared, already accepted by the content policy.
   *
   * @return the media type
   */
  public String contentType() {
    return contentType;
  }

  /**
   * The length the file host declared, when it did.
   *
   * @return the declared length, or empty
   */
  public OptionalLong declaredLength() {
    return declaredLength;
  }

  /**
   * The size ceiling: a store that buffers may size its buffers by it.
   *
   * @return the ceiling in bytes
   */
  public long maxBytes() {
    return maxBytes;
  }

  /** {@return the URL the body was fetched from, for messages} */
  public String url() {
    return url;
  }

  /**
   * Bytes read so far; the whole size once the end was reached.
   *
   * @return the bytes read
   */
  public long size() {
    return size;
  }

  /**
   * The hex SHA-256 of the whole body; only after the end was reached.
   *
   * @return the lower-case hex digest
   * @throws IllegalStateException before the end was reached
   */
  public String sha256() {
    String hex = digest;
    if (hex == null) {
      throw new IllegalStateException("the video was not read to its end");
    }
    return hex;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int read = read(one, 0, 1);
    return read < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (digest != null) {
      return -1;
    }
    int read;
    try {
      read = body == null ? -1 : body.read(buffer, offset, length);
    } catch (SocketTimeoutException e) {
      throw new IOException("no data arrived for " + stallTimeout + "; the transfer stalled", e);
    } catch (ZipException e) {
      throw ContentPolicy.notEncodedAsSaid(url, e);
    }
    if (Instant.now().isAfter(until)) {
      throw new DownloadException(
          DownloadException.Kind.TRANSIENT,
          "Abandoned the download of "
              + url
              + " after "
              + size
              + " bytes: the transfer did not finish by "
              + until
              + " (its total time limit)");
    }
    if (read < 0) {
      end();
      return -1;
    }
    size += read;
    if (size > maxBytes) {
      throw new DownloadException(
          DownloadException.Kind.REFUSED,
          "Refused " + url + ": more than the ceiling of " + maxBytes + " bytes");
    }
    sha256.update(buffer, offset, read);
    return read;
  }

  private void end() throws IOException {
    if (declaredLength.isPresent() && size != declaredLength.getAsLong()) {
      // An IOException, like any other network fault: transient.
      throw new IOException(
          "truncated: " + size + " of " + declaredLength.getAsLong() + " bytes arrived");
    }
    if (size == 0) {
      // A complete answer with nothing in it is no video, however it is labelled: keeping it
      // would end the process as if the video were safe.
      throw new DownloadException(
          DownloadException.Kind.REFUSED,
          "Refused " + url + ": the file host answered with no bytes, which is not a video");
    }
    digest = HexFormat.of().formatHex(sha256.digest());
  }

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
