package io.github.pixversecamunda.download;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Turns a file-name pattern such as {@value #DEFAULT_PATTERN} into a name inside the storage
 * directory. Whatever the pattern or the task id contain, the result cannot leave the directory.
 */
public final class FileNames {

  public static final String DEFAULT_PATTERN = "{taskId}.mp4";
  public static final String TASK_ID_PLACEHOLDER = "{taskId}";
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._%-]{0,239}");

  private FileNames() {}

  /**
   * Resolves the pattern; throws {@link DownloadException.Kind#INVALID_NAME} for anything unsafe.
   */
  public static Path resolve(Path directory, String pattern, String taskId) {
    String template = pattern == null || pattern.isBlank() ? DEFAULT_PATTERN : pattern.trim();
    if (template.contains(TASK_ID_PLACEHOLDER) && (taskId == null || taskId.isBlank())) {
      throw new DownloadException(
          DownloadException.Kind.INVALID_NAME,
          "The file name pattern '" + template + "' needs a task id, and none was given");
    }
    // Variable content may only contribute harmless characters, and two different task ids never
    // give the same name: every other character (the escape '%' included) is percent-encoded.
    String safeTaskId = taskId == null ? "" : encode(taskId);
    String name = template.replace(TASK_ID_PLACEHOLDER, safeTaskId);
    if (!SAFE_NAME.matcher(name).matches() || name.contains("..")) {
      throw new DownloadException(
          DownloadException.Kind.INVALID_NAME,
          "The file name '"
              + name
              + "' is not allowed: use letters, digits, '.', '_' and '-' only (no separators, no '..',"
              + " not starting with '.'), at most 240 characters");
    }
    Path target = directory.resolve(name).normalize();
    if (!target.getParent().equals(directory.normalize())) {
      throw new DownloadException(
          DownloadException.Kind.INVALID_NAME,
          "The file name '" + name + "' would leave the storage directory");
    }
    return target;
  }

  /** Letters, digits, '.', '_' and '-' stay; every other byte of the UTF-8 form becomes %XX. */
  static String encode(String taskId) {
    StringBuilder out = new StringBuilder();
    for (byte b : taskId.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
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
}
