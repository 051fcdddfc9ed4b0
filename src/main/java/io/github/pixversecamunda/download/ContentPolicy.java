package io.github.pixversecamunda.download;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;

/**
 * What the download worker accepts from a file host before it reads the body: a video or generic
 * binary data, a declared length within the ceiling, and a body sent as it is or in an encoding
 * that can be decoded here (gzip, deflate). Refusals here cost no transfer.
 */
final class ContentPolicy {

  private final long maxBytes;

  ContentPolicy(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The bare media type, or a refusal naming the type that was offered. */
  String contentType(ClassicHttpResponse response, String url) {
    Header header = response.getFirstHeader("Content-Type");
    String type = header == null ? "application/octet-stream" : header.getValue();
    int parameters = type.indexOf(';');
    String bare =
        (parameters < 0 ? type : type.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
    if (bare.startsWith("video/")
        || bare.equals("application/octet-stream")
        || bare.equals("binary/octet-stream")
        || bare.equals("application/mp4")) {
      return bare;
    }
    throw new DownloadException(
        DownloadException.Kind.REFUSED,
        "Refused "
            + url
            + ": content type '"
            + type
            + "' is neither a video nor generic binary data");
  }

  /** The declared length, refused when above the ceiling. */
  OptionalLong declaredLength(ClassicHttpResponse response, String url) {
    OptionalLong declared = parseLength(response);
    if (declared.isPresent() && declared.getAsLong() > maxBytes) {
      throw new DownloadException(
          DownloadException.Kind.REFUSED,
          "Refused "
              + url
              + ": it is "
              + declared.getAsLong()
              + " bytes, above the ceiling of "
              + maxBytes
              + " bytes");
    }
    return declared;
  }

  /**
   * The body to read: as it is, or decoded when sent with gzip or deflate; any other encoding is
   * refused rather than kept as if it were the video.
   */
  InputStream decodedBody(ClassicHttpResponse response, InputStream body, String url)
      throws IOException {
    String encoding = encoding(response);
    switch (encoding) {
      case "", "identity" -> {
        return body;
      }
      case "gzip", "x-gzip" -> {
        try {
          return new GZIPInputStream(body, 64 * 1024);
        } catch (ZipException e) {
          throw notEncodedAsSaid(url, e);
        }
      }
      case "deflate" -> {
        return new InflaterInputStream(body);
      }
      default ->
          throw new DownloadException(
              DownloadException.Kind.REFUSED,
              "Refused "
                  + url
                  + ": the file host sent it with Content-Encoding '"
                  + response.getFirstHeader("Content-Encoding").getValue()
                  + "', which is not a video as it is and cannot be decoded here");
    }
  }

  /** A declared length counts encoded bytes: only a body sent as it is can be held to it. */
  static boolean isEncoded(ClassicHttpResponse response) {
    String encoding = encoding(response);
    return !encoding.isEmpty() && !encoding.equals("identity");
  }

  private static String encoding(ClassicHttpResponse response) {
    Header header = response.getFirstHeader("Content-Encoding");
    return header == null ? "" : header.getValue().trim().toLowerCase(Locale.ROOT);
  }

  static DownloadException notEncodedAsSaid(String url, ZipException e) {
    return new DownloadException(
        DownloadException.Kind.REFUSED,
        "Refused "
            + url
            + ": the body is not the encoded data its header announces ("
            + e.getMessage()
            + ")",
        e);
  }

  private static OptionalLong parseLength(ClassicHttpResponse response) {
    Header header = response.getFirstHeader("Content-Length");
    if (header == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(header.getValue().trim()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty(); // the client's own framing rejects a broken length while reading
    }
  }
}
