package io.github.pixversecamunda.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an answer of the API means, in the caller's terms: an accepted (paid) task, a refusal that
 * proves nothing was created, a refusal for the account's limits, or an outcome nobody can know.
 * Transport (sending, timeouts, the body's size) stays in {@link PixverseClient}; the wire names
 * stay in {@link WireFormat}.
 *
 * <p>The rules that protect credits come first: an answer that names a task id is never "no task
 * was created", whatever code it carries; a redirect is never followed (the key would go with it)
 * and after a submit it may hide an accepted one.
 */
public final class ApiAnswers {

  private static final Logger LOG = LoggerFactory.getLogger(ApiAnswers.class);

  /** PixVerse's own code for "the account already runs as many generations as it may". */
  public static final int CONCURRENCY_LIMIT_CODE = 500044;

  private static final Pattern CREDIT_WORDS =
      Pattern.compile(
          "insufficient|credit|balance|quota|top.?up|payment", Pattern.CASE_INSENSITIVE);
  private static final Pattern CONCURRENCY_WORDS =
      Pattern.compile(
          "concurren|at (the same time|once)|in parallel|parallel (task|generation)"
              + "|too many (running|active|concurrent|parallel|generations|tasks)",
          Pattern.CASE_INSENSITIVE);
  private static final int EXCERPT = 300;

  /**
   * {@code Retry-After} values beyond this are read as this: no answer may park a task for days.
   */
  public static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

  /**
   * One answer as it arrived: status, body (at most the client's size limit) and two headers.
   *
   * @param status the HTTP status
   * @param body the body as text, at most the client's size limit
   * @param retryAfter the Retry-After header, or null
   * @param location the Location header, or null
   */
  public record Reply(
      int status, String body, @Nullable String retryAfter, @Nullable String location) {}

  private final ObjectMapper json;
  private final UnaryOperator<String> redact;

  /**
   * Reads answers with {@code json}; every text from the API passes {@code redact} before it is
   * kept.
   *
   * @param json parses the bodies
   * @param redact removes the key from any text
   */
  public ApiAnswers(ObjectMapper json, UnaryOperator<String> redact) {
    this.json = json;
    this.redact = redact;
  }

  /**
   * The answer to a submit: the accepted task, or the failure it proves.
   *
   * @param reply the submit's answer
   * @return the accepted (paid) task
   * @throws PixverseApiException classified: {@link ErrorKind#OUTCOME_UNKNOWN} whenever a task may
   *     exist
   */
  public SubmittedTask submitted(Reply reply) {
    Parsed parsed = parse(reply.body());
    JsonNode object = parsed.object();
    Optional<String> named = object != null ? WireFormat.taskId(object) : Optional.empty();
    int status = reply.status();
    if (status >= 300 && status < 400) {
      throw new PixverseApiException(
          ErrorKind.OUTCOME_UNKNOWN,
          status,
          "the API answered the submit with a redirect"
              + location(reply)
              + ", which is not followed (the key would go with it); the API may have accepted the"
              + " submit and a paid task may exist. Check pixverse.base-url",
          null,
          null,
          null);
    }
    if (object != null && named.isPresent()) {
      String taskId = named.get();
      if (!WireFormat.isUsableTaskId(taskId)) {
        throw new PixverseApiException(
            ErrorKind.OUTCOME_UNKNOWN,
            status,
            "the API answered the submit with the task id "
                + WireFormat.quoted(taskId)
                + ", which cannot be used safely in a path, a file name or a log line; the task"
                + " was probably accepted and is paid",
            null,
            null,
            null);
      }
      if (status < 200 || status >= 300) {
        throw new PixverseApiException(
            ErrorKind.OUTCOME_UNKNOWN,
            status,
            "the API answered the submit with HTTP "
                + status
                + " but named task "
                + taskId
                + ", so a paid task may exist: "
                + excerpt(reply.body()),
            taskId,
            null,
            null);
      }
      int effective = effectiveCode(status, parsed.root());
      if (effective != status) {
        // An id proves a task; the code beside it cannot take that back.
        LOG.warn(
            "The submit answer names task {} beside the error code {}; taking it as the accepted"
                + " (paid) task",
            taskId,
            effective);
      }
      return new SubmittedTask(taskId, WireFormat.status(object).orElse(null));
    }
    int effective = effectiveCode(status, parsed.root());
    if (effective >= 200 && effective < 300) {
      throw new PixverseApiException(
          ErrorKind.MALFORMED_RESPONSE,
          status,
          (parsed.isObject()
                  ? "the API accepted the submit but its answer names no task id"
                  : "the submit answer " + parsed.problem())
              + ", so a paid task may exist: "
              + excerpt(reply.body()),
          null,
          null,
          null);
    }
    throw failure(effective, parsed.root(), reply, true, null);
  }

  /**
   * The answer to a status check: the task's status, or the failure it proves.
   *
   * @param taskId the task that was asked about
   * @param reply the status check's answer
   * @return the task's status
   * @throws PixverseApiException classified
   */
  public TaskStatus status(String taskId, Reply reply) {
    int status = reply.status();
    if (status >= 300 && status < 400) {
      // Transient for a check (nothing changes server-side); retries run out into an incident
      // that names the task, which is never dropped.
      throw new PixverseApiException(
          ErrorKind.SERVER_ERROR,
          status,
          "the API answered the status check with a redirect"
              + location(reply)
              + ", which is not followed (the key would go with it); check pixverse.base-url",
          taskId,
          null,
          null);
    }
    Parsed parsed = parse(reply.body());
    int effective = effectiveCode(status, parsed.root());
    if (effective >= 200 && effective < 300) {
      JsonNode object = parsed.object();
      if (object == null) {
        throw new PixverseApiException(
            ErrorKind.MALFORMED_RESPONSE,
            status,
            "the answer " + parsed.problem() + ": " + excerpt(reply.body()),
            taskId,
            null,
            null);
      }
      return WireFormat.parseStatus(taskId, object, WireFormat.bounded(reply.body()));
    }
    throw failure(effective, parsed.root(), reply, false, taskId);
  }

  private PixverseApiException failure(
      int effective,
      @Nullable JsonNode root,
      Reply reply,
      boolean submit,
      @Nullable String taskId) {
    String message = redact.apply(apiMessage(root, reply.body()));
    String type = root == null ? "" : root.path(WireFormat.ERROR).path(WireFormat.TYPE).asText("");
    return new PixverseApiException(
        kindOf(effective, submit, root, message + " " + type),
        effective,
        message,
        taskId,
        retryAfter(reply.retryAfter()),
        null);
  }

  /**
   * The answer's JSON (null when it is none) and, unless it is an object, what is wrong with it.
   */
  private record Parsed(@Nullable JsonNode root, @Nullable String problem) {
    boolean isObject() {
      return object() != null;
    }

    /** The root when it is a JSON object, else null. */
    @Nullable JsonNode object() {
      return root != null && root.isObject() ? root : null;
    }
  }

  private Parsed parse(@Nullable String body) {
    if (body == null || body.isBlank()) {
      return new Parsed(null, "is empty");
    }
    try {
      JsonNode root = json.readTree(body);
      return new Parsed(root, root != null && root.isObject() ? null : "is not a JSON object");
    } catch (JsonProcessingException e) {
      return new Parsed(
          null,
          "cannot be read as JSON ("
              + excerpt(String.valueOf(e.getOriginalMessage()))
              + ", "
              + body.length()
              + " characters)");
    }
  }

  /** A 200 answer may still carry an error code inside (the API wraps everything in {code,...}). */
  private static int effectiveCode(int httpStatus, @Nullable JsonNode root) {
    if (httpStatus < 200 || httpStatus >= 300 || root == null || !root.isObject()) {
      return httpStatus;
    }
    JsonNode error = root.get(WireFormat.ERROR);
    if (error != null && error.isObject()) {
      return error.path(WireFormat.CODE).canConvertToInt()
              && error.path(WireFormat.CODE).asInt() >= 400
          ? error.path(WireFormat.CODE).asInt()
          : 400;
    }
    JsonNode code = root.get(WireFormat.CODE);
    if (code != null && code.canConvertToInt() && code.asInt() >= 400) {
      return code.asInt();
    }
    return httpStatus;
  }

  private static boolean concurrencyCode(@Nullable JsonNode root) {
    if (root == null || !root.isObject()) {
      return false;
    }
    return root.path(WireFormat.CODE).asInt() == CONCURRENCY_LIMIT_CODE
        || root.path(WireFormat.ERROR).path(WireFormat.CODE).asInt() == CONCURRENCY_LIMIT_CODE
        || root.path(WireFormat.DATA).path(WireFormat.CODE).asInt() == CONCURRENCY_LIMIT_CODE;
  }

  private static ErrorKind kindOf(int code, boolean submit, @Nullable JsonNode root, String text) {
    if (code == CONCURRENCY_LIMIT_CODE
        || concurrencyCode(root)
        || (code != 401 && code != 403 && code != 404 && CONCURRENCY_WORDS.matcher(text).find())) {
      return ErrorKind.CONCURRENCY_LIMITED;
    }
    if (code == 402
        || (code >= 400
            && code < 500
            && code != 429
            && code != 404
            && CREDIT_WORDS.matcher(text).find())) {
      return ErrorKind.INSUFFICIENT_CREDITS;
    }
    if (code == 401 || code == 403) {
      return ErrorKind.AUTHENTICATION;
    }
    if (code == 404) {
      return ErrorKind.NOT_FOUND;
    }
    if (code == 429) {
      return ErrorKind.RATE_LIMITED;
    }
    // A gateway error after a POST may hide an upstream that accepted it: treat as unknown.
    if (submit && (code == 502 || code == 504)) {
      return ErrorKind.OUTCOME_UNKNOWN;
    }
    if (code >= 500 || code == 408) {
      return ErrorKind.SERVER_ERROR;
    }
    return ErrorKind.INVALID_REQUEST;
  }

  private static String apiMessage(@Nullable JsonNode root, String body) {
    if (root != null && root.isObject()) {
      JsonNode error = root.get(WireFormat.ERROR);
      if (error != null && error.isObject() && error.hasNonNull(WireFormat.MESSAGE)) {
        return excerpt(error.get(WireFormat.MESSAGE).asText());
      }
      if (error != null && error.isTextual()) {
        return excerpt(error.asText());
      }
      if (root.hasNonNull(WireFormat.MESSAGE)) {
        return excerpt(root.get(WireFormat.MESSAGE).asText());
      }
    }
    return excerpt(body);
  }

  private static String location(Reply reply) {
    return reply.location() == null
        ? ""
        : " (HTTP " + reply.status() + " to " + excerpt(reply.location()) + ")";
  }

  /**
   * Seconds or an HTTP date, capped at {@link #MAX_RETRY_AFTER}; null when absent or unreadable.
   *
   * @param header the header's value
   * @return the wait
   */
  public static @Nullable Duration retryAfter(@Nullable String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    Duration wait;
    String value = header.trim();
    if (value.matches("\\d{1,30}")) {
      wait =
          value.length() > 9
              ? MAX_RETRY_AFTER
              : Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
    } else {
      try {
        ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        wait = Duration.between(ZonedDateTime.now(when.getZone()), when);
        wait = wait.isNegative() ? Duration.ZERO : wait;
      } catch (RuntimeException notADate) {
        return null;
      }
    }
    return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
  }

  static String excerpt(@Nullable String body) {
    if (body == null || body.isBlank()) {
      return "(empty body)";
    }
    String head = body.length() > EXCERPT * 4 ? body.substring(0, EXCERPT * 4) : body;
    String flat = WireFormat.printable(head).replaceAll("\\s+", " ").trim();
    return flat.length() <= EXCERPT && head.length() == body.length()
        ? flat
        : flat.substring(0, Math.min(EXCERPT, flat.length())) + "...";
  }
}
