package io.github.pixversecamunda.download;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns an object-key pattern such as {@value #DEFAULT_PATTERN} or {@code
 * campaigns/{taskId}/video.mp4} into the key a store writes under. The same rules hold in every
 * store, so a key that is safe in S3 is safe as a path below the storage directory: segments
 * separated by {@code /}, each starting with a letter or digit and made of letters, digits, '.',
 * '_' and '-'; no '..', no absolute path, no backslash, no control characters. A task id's other
 * characters are percent-encoded ({@code a:b} becomes {@code a%3Ab}), so two different task ids
 * never share a key and one paid video cannot take another's place.
 */
public final class ObjectKeys {

  /** The key when the process gives none: one file per task. */
  public static final String DEFAULT_PATTERN = "{taskId}.mp4";

  /** Replaced by the task id, percent-encoded so it can never add a separator. */
  public static final String TASK_ID_PLACEHOLDER = "{taskId}";

  /** S3 allows 1,024 bytes; the key is ASCII by the segment rule, so characters are bytes. */
  public static final int MAX_LENGTH = 1024;

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._%-]{0,239}");
  private static final String RULES =
      "use segments of letters, digits, '.', '_' and '-' separated by '/', each starting with a"
          + " letter or digit (no '..', no leading '/', no backslash or control characters), at"
          + " most 240 characters a segment and "
          + MAX_LENGTH
          + " in all";

  private ObjectKeys() {}

  /**
   * Resolves the pattern; throws {@link DownloadException.Kind#INVALID_NAME} for anything unsafe.
   *
   * @param pattern the key pattern, e.g. {@code campaigns/{taskId}.mp4}; null or blank for {@link
   *     #DEFAULT_PATTERN}
   * @param taskId replaces {@link #TASK_ID_PLACEHOLDER}, percent-encoded; may be null when the
   *     pattern does not use it
   * @return the key a store writes under
   * @throws DownloadException of kind {@link DownloadException.Kind#INVALID_NAME} for an unsafe key
   */
  public static String resolve(@Nullable String pattern, @Nullable String taskId) {
    String template = pattern == null || pattern.isBlank() ? DEFAULT_PATTERN : pattern.trim();
    if (template.contains(TASK_ID_PLACEHOLDER) && (taskId == null || taskId.isBlank())) {
      throw new DownloadException(
          DownloadException.Kind.INVALID_NAME,
          "The object key pattern '" + template + "' needs a task id, and none was given");
    }
    // Variable content may only contribute harmless characters, never a separator, and two
    // different task ids never give the same key: every other byte (the escape '%' included) is
    // percent-encoded.
    String safeTaskId = taskId == null ? "" : encode(taskId);
    String key = template.replace(TASK_ID_PLACEHOLDER, safeTaskId);
    if (key.length() > MAX_LENGTH || key.contains("..")) {
      throw invalid(key);
    }
    for (String segment : key.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches()) {
        throw invalid(key);
      }
    }
    return key;
  }

  /** Letters, digits, '.', '_' and '-' stay; every other byte of the UTF-8 form becomes %XX. */
  static String encode(String taskId) {
    StringBuilder out = new StringBuilder();
    for (byte b : taskId.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '.'
          || c == '_'
          || c == '-') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  /**
   * The last segment: the file name a person or a mail client sees.
   *
   * @param key a resolved key
   * @return its last segment
   */
  public static String fileName(String key) {
    return key.substring(key.lastIndexOf('/') + 1);
  }

  private static DownloadException invalid(String key) {
    String shown = key.replaceAll("\\p{Cntrl}", "?");
    return new DownloadException(
        DownloadException.Kind.INVALID_NAME,
        "The object key '" + shown + "' is not allowed: " + RULES);
  }
}
