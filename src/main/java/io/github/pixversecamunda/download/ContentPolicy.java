package io.github.pixversecamunda.download;

import java.util.Locale;
import java.util.OptionalLong;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;

/**
 * What the download worker accepts from a file host before it reads the body: a video or generic
 * binary data, and a declared length within the ceiling. Refusals here cost no transfer.
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
    String bare = type.split(";")[0].trim().toLowerCase(Locale.ROOT);
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
