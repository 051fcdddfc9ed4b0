package io.github.pixversecamunda.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Everything about how PixVerse 5.6 on API in One spells things on the wire: paths, field names,
 * status words and where answers put things. The API documents little of its answers, so the
 * readers here accept every shape seen or reported (see "What the API does not document" in
 * docs/api-client.md); when the API settles a name, edit it here (answers, paths) or in {@link
 * GenerationField} (request fields). What an answer means (accepted, refused, limited, unknown) is
 * decided in {@link ApiAnswers}.
 */
public final class WireFormat {

  /** Where API in One serves its v1 API; {@code pixverse.base-url} replaces it. */
  public static final String DEFAULT_BASE_URL = "https://apiin.one/api/v1";

  /** The submit endpoint (POST), below the base URL. */
  public static final String GENERATIONS_PATH = "/videos/generations";

  /** The status endpoint (GET), below the base URL; the task id follows. */
  public static final String TASKS_PATH = "/tasks/";

  // Request fields: the model here, the generation's own fields in GenerationField.
  /** The request field naming the model ({@link GenerationRequest#MODEL}). */
  public static final String MODEL = "model";

  // Answer fields.
  /** The envelope's payload object. */
  public static final String DATA = "data";

  /** The envelope's result code; 400 and above is an error even inside an HTTP 200. */
  public static final String CODE = "code";

  /** The API's own words about an answer, in the envelope or the error object. */
  public static final String MESSAGE = "message";

  /** An error object (or text) in an answer. */
  public static final String ERROR = "error";

  /** The kind of an error, inside the error object. */
  public static final String TYPE = "type";

  /** The task id as the API documents it; other spellings are read too. */
  public static final String TASK_ID = "task_id";

  /** The task's status word as the API documents it; other spellings are read too. */
  public static final String STATUS = "status";

  /**
   * What a task id may look like before it goes into a path, a file name or a log line: letters,
   * digits, '.', '_', ':' and '-', starting with a letter or digit, no "..", at most 200
   * characters.
   */
  private static final Pattern USABLE_TASK_ID =
      Pattern.compile("(?!.*\\.\\.)[A-Za-z0-9][A-Za-z0-9._:\\-]{0,199}");

  /** The most of an answer kept for diagnosis (far below the engine's 4 MB message limit). */
  public static final int RAW_ANSWER_LIMIT = 8 * 1024;

  private static final List<String> TASK_ID_FIELDS = List.of(TASK_ID, "id", "taskId");
  private static final List<String> STATUS_FIELDS = List.of(STATUS, "state", "task_status");
  private static final Set<String> COMPLETED_WORDS =
      Set.of("completed", "complete", "succeeded", "success", "successful", "done", "finished");
  private static final Set<String> FAILED_WORDS =
      Set.of(
          "failed",
          "fail",
          "failure",
          "error",
          "errored",
          "cancelled",
          "canceled",
          "rejected",
          "timeout",
          "timed_out",
          "expired");

  /** Where a video URL has been seen or guessed; the first that holds a URL wins. */
  private static final List<String> VIDEO_URL_POINTERS =
      List.of(
          "/output/video_url",
          "/output/url",
          "/video_url",
          "/url",
          "/output",
          "/output/0",
          "/output/0/url",
          "/output/0/video_url",
          "/result/video_url",
          "/result/url",
          "/video/url",
          "/videos/0/url",
          "/videos/0");

  private static final List<String> FAILURE_POINTERS =
      List.of(
          "/error/message",
          "/error",
          "/fail_reason",
          "/failure_reason",
          "/error_message",
          "/reason",
          "/message");
  private static final Pattern MODERATION =
      Pattern.compile(
          "moderat|content polic|sensitive|nsfw|inappropriate|violat|prohibited|not allowed content",
          Pattern.CASE_INSENSITIVE);

  private WireFormat() {}

  /**
   * The request body: the model and every field the request has, under its wire name.
   *
   * @param request a checked request
   * @param json creates the nodes
   * @return the body as sent
   */
  public static ObjectNode toBody(GenerationRequest request, ObjectMapper json) {
    ObjectNode body = json.createObjectNode();
    body.put(MODEL, GenerationRequest.MODEL);
    for (GenerationField field : GenerationField.values()) {
      Object value = field.valueOf(request);
      if (value != null) {
        body.set(field.wire(), json.valueToTree(value));
      }
    }
    return body;
  }

  /**
   * Reads a request body back (the simulator's side of {@link #toBody}).
   *
   * @param body a request body
   * @return its fields under their variable names, unchecked
   */
  public static GenerationInput fromBody(JsonNode body) {
    return GenerationInput.of(field -> value(body, field.wire()));
  }

  /**
   * The object that carries the payload: {@code data} inside the envelope, else the answer itself.
   *
   * @param answer the whole answer
   * @return the node to read fields from
   */
  public static JsonNode payload(JsonNode answer) {
    JsonNode data = answer.get(DATA);
    return data != null && data.isObject() ? data : answer;
  }

  /**
   * The task id an answer names, in its payload or at its top level, under any known spelling.
   *
   * @param answer the whole answer
   * @return the id, or empty when the answer names none
   */
  public static Optional<String> taskId(JsonNode answer) {
    return firstText(payload(answer), TASK_ID_FIELDS).or(() -> firstText(answer, TASK_ID_FIELDS));
  }

  /**
   * Whether an id is safe in a path, a file name and a log line (see the pattern above); a task id
   * that is not is never sent or stored.
   *
   * @param taskId an id from an answer or a process variable
   * @return true when it may be used
   */
  public static boolean isUsableTaskId(@Nullable String taskId) {
    return taskId != null && USABLE_TASK_ID.matcher(taskId).matches();
  }

  /**
   * A task id (or any text from outside) as it may appear in a message or a log line: in quotes,
   * control characters escaped, at most 200 characters.
   *
   * @param raw the text, or null (shown as {@code null})
   * @return the quoted text
   */
  public static String quoted(@Nullable String raw) {
    String text = raw == null ? "null" : raw;
    String cut = text.length() > 200 ? text.substring(0, 200) + "..." : text;
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < cut.length(); i++) {
      char c = cut.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /**
   * Text with every control character (CR, LF, ...) replaced by a space: one log line stays one.
   *
   * @param text any text
   * @return the text on one line
   */
  public static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
    }
    return out.toString();
  }

  /**
   * At most {@link #RAW_ANSWER_LIMIT} characters of an answer, with a note when cut.
   *
   * @param answer an answer's text
   * @return the text, cut when longer than the limit
   */
  public static String bounded(String answer) {
    if (answer.length() <= RAW_ANSWER_LIMIT) {
      return answer;
    }
    return answer.substring(0, RAW_ANSWER_LIMIT)
        + "... (truncated: "
        + answer.length()
        + " characters in all)";
  }

  /**
   * The status word an answer carries, as the API spelled it.
   *
   * @param answer the whole answer
   * @return the word, or empty when the answer carries none
   */
  public static Optional<String> status(JsonNode answer) {
    return firstText(payload(answer), STATUS_FIELDS).or(() -> firstText(answer, STATUS_FIELDS));
  }

  /**
   * What a status word means; an unknown or missing word reads as still running, so a new word
   * never ends a paid task early.
   *
   * @param rawStatus the API's word, or null
   * @return the library's reading of it
   */
  public static TaskState state(@Nullable String rawStatus) {
    if (rawStatus == null) {
      return TaskState.RUNNING;
    }
    String word = rawStatus.trim().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    if (COMPLETED_WORDS.contains(word)) {
      return TaskState.COMPLETED;
    }
    return FAILED_WORDS.contains(word) ? TaskState.FAILED : TaskState.RUNNING;
  }

  /**
   * Reads a status answer: its state, the video URL when completed, and the reason (and whether it
   * reads as content moderation) when failed.
   *
   * @param taskId the task that was asked about
   * @param answer the answer's JSON object
   * @param rawBody the answer's text, kept for diagnosis
   * @return the task's status
   */
  public static TaskStatus parseStatus(String taskId, JsonNode answer, String rawBody) {
    String rawStatus = status(answer).orElse(null);
    TaskState state = state(rawStatus);
    JsonNode payload = payload(answer);
    String videoUrl =
        VIDEO_URL_POINTERS.stream()
            .map(pointer -> payload.at(pointer))
            .filter(node -> node.isTextual() && node.asText().matches("(?i)^https?://.+"))
            .map(JsonNode::asText)
            .findFirst()
            .orElse(null);
    String reason = null;
    boolean rejected = false;
    if (state == TaskState.FAILED) {
      reason = failureReason(payload).or(() -> failureReason(answer)).orElse("no reason given");
      // A failed state came from a status word, so rawStatus is set here.
      rejected =
          MODERATION.matcher(reason).find()
              || (rawStatus != null && MODERATION.matcher(rawStatus).find());
    }
    return new TaskStatus(taskId, state, rawStatus, videoUrl, reason, rejected, rawBody);
  }

  private static Optional<String> failureReason(JsonNode node) {
    return FAILURE_POINTERS.stream()
        .map(node::at)
        .filter(JsonNode::isTextual)
        .map(JsonNode::asText)
        .filter(text -> !text.isBlank() && !text.equalsIgnoreCase("success"))
        .findFirst();
  }

  private static Optional<String> firstText(JsonNode node, List<String> fields) {
    return fields.stream()
        .map(node::get)
        .filter(v -> v != null && (v.isTextual() || v.isNumber()) && !v.asText().isBlank())
        .map(JsonNode::asText)
        .findFirst();
  }

  private static @Nullable Object value(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNumber()) {
      return node.numberValue();
    }
    return node.isTextual() ? node.asText() : node.toString();
  }
}
