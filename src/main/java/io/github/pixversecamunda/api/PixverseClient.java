package io.github.pixversecamunda.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client of the PixVerse 5.6 endpoints of API in One. Calls are asynchronous (a caller keeps many
 * in flight without a thread each); every failure arrives as a {@link PixverseApiException} with a
 * {@link ErrorKind}. The client never retries by itself: whether a repeat is safe is the caller's
 * decision, and for a submit it usually is not.
 *
 * <p>No call ever holds the caller's thread: beyond {@code maxInFlight} open calls, further calls
 * queue without a thread ({@link InFlightLimit}). Answers are handled on a small fixed pool,
 * because the JDK client's default executor grows a thread for each burst of answers, and handling
 * an answer (parsing, sending the job's outcome) never waits.
 */
public final class PixverseClient {

  private static final Logger LOG = LoggerFactory.getLogger(PixverseClient.class);
  private static final Pattern SAFE_TASK_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,200}");
  private static final Pattern CREDIT_WORDS =
      Pattern.compile(
          "insufficient|credit|balance|quota|top.?up|payment", Pattern.CASE_INSENSITIVE);
  private static final int EXCERPT = 300;

  private final PixverseClientConfig config;
  private final HttpClient http;
  private final ObjectMapper json;
  private final InFlightLimit inFlight;
  private final ApiCallObserver observer;

  /** Handling answers is quick and never waits, so the cores are enough threads for it. */
  private static final int ANSWER_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

  public PixverseClient(PixverseClientConfig config) {
    this(config, new ObjectMapper());
  }

  public PixverseClient(PixverseClientConfig config, ObjectMapper json) {
    this(config, json, ApiCallObserver.NONE);
  }

  /** With an observer that hears of every call (metrics, health). */
  public PixverseClient(PixverseClientConfig config, ObjectMapper json, ApiCallObserver observer) {
    this.config = config;
    this.json = json;
    this.observer = observer;
    ExecutorService answers =
        Executors.newFixedThreadPool(ANSWER_THREADS, daemonThreads("pixverse-http-"));
    this.inFlight = new InFlightLimit(config.maxInFlight(), answers);
    this.http =
        HttpClient.newBuilder()
            .executor(answers)
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public PixverseClientConfig config() {
    return config;
  }

  /** Creates a paid generation task. Validation already happened when the request was built. */
  public CompletableFuture<SubmittedTask> submitAsync(GenerationRequest request) {
    return submitAsync(request, null);
  }

  /**
   * The same, but never sent after {@code sendBy}: a submit that waited in the queue for a free
   * slot until then fails as {@link ErrorKind#CONNECTION_FAILED} without leaving the worker. A job
   * worker passes its job's deadline less the request timeout, so that no POST goes out after the
   * engine may have handed the job to another worker.
   */
  public CompletableFuture<SubmittedTask> submitAsync(GenerationRequest request, Instant sendBy) {
    String body = WireFormat.toBody(request, json).toString();
    HttpRequest http =
        request(WireFormat.GENERATIONS_PATH)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return send(http, true, null, sendBy)
        .thenApply(
            answer -> {
              JsonNode root = answer.json();
              String taskId =
                  WireFormat.taskId(root)
                      .orElseThrow(
                          () ->
                              new PixverseApiException(
                                  ErrorKind.MALFORMED_RESPONSE,
                                  answer.status(),
                                  "the API accepted the submit but its answer names no task id, so a paid task may exist: "
                                      + excerpt(answer.body()),
                                  null,
                                  null,
                                  null));
              LOG.debug("Submitted PixVerse task {}", taskId);
              return new SubmittedTask(taskId, WireFormat.status(root).orElse(null));
            });
  }

  /** Checks a task once. Unknown status words read as {@link TaskState#RUNNING}. */
  public CompletableFuture<TaskStatus> statusAsync(String taskId) {
    if (taskId == null || !SAFE_TASK_ID.matcher(taskId).matches()) {
      return CompletableFuture.failedFuture(
          new InvalidInputException(
              List.of(
                  new Violation(
                      "taskId",
                      "'"
                          + taskId
                          + "' is not a task id (letters, digits, '.', '_', ':', '-'; 1 to 200 characters)"))));
    }
    HttpRequest http = request(WireFormat.TASKS_PATH + taskId).GET().build();
    return send(http, false, taskId)
        .thenApply(answer -> WireFormat.parseStatus(taskId, answer.json(), answer.body()));
  }

  public SubmittedTask submit(GenerationRequest request) {
    return join(submitAsync(request));
  }

  public TaskStatus status(String taskId) {
    return join(statusAsync(taskId));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(config.baseUrl() + path))
        .timeout(config.requestTimeout())
        .header("Accept", "application/json")
        .header("Authorization", "Bearer " + config.apiKey());
  }

  private record Answer(int status, String body, JsonNode json) {}

  private CompletableFuture<Answer> send(HttpRequest request, boolean submit, String taskId) {
    return send(request, submit, taskId, null);
  }

  private CompletableFuture<Answer> send(
      HttpRequest request, boolean submit, String taskId, Instant sendBy) {
    ApiCallObserver.Endpoint endpoint =
        submit ? ApiCallObserver.Endpoint.SUBMIT : ApiCallObserver.Endpoint.STATUS;
    long queued = System.nanoTime();
    return inFlight.call(
        () -> {
          if (sendBy != null && Instant.now().isAfter(sendBy)) {
            return CompletableFuture.failedFuture(
                new PixverseApiException(
                    ErrorKind.CONNECTION_FAILED,
                    0,
                    "not sent: no free API slot (pixverse.max-in-flight) before the job's deadline",
                    taskId,
                    null,
                    null));
          }
          observe(
              () -> observer.callStarted(endpoint, Duration.ofNanos(System.nanoTime() - queued)));
          CompletableFuture<Answer> result;
          try {
            result =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .handle(
                        (response, failure) -> {
                          if (failure != null) {
                            throw ioFailure(unwrap(failure), submit, taskId);
                          }
                          return answer(response, submit, taskId);
                        });
          } catch (RuntimeException e) {
            observe(() -> observer.callFinished(endpoint, ErrorKind.CONNECTION_FAILED));
            throw e;
          }
          return result.whenComplete(
              (answer, failure) ->
                  observe(
                      () ->
                          observer.callFinished(
                              endpoint,
                              failure == null
                                  ? null
                                  : unwrap(failure) instanceof PixverseApiException e
                                      ? e.kind()
                                      : ErrorKind.MALFORMED_RESPONSE)));
        });
  }

  /** An observer (metrics, health) must never change what a call returns. */
  private static void observe(Runnable report) {
    try {
      report.run();
    } catch (RuntimeException e) {
      LOG.warn("An API call observer failed: {}", e.toString());
    }
  }

  /** Calls open now (at most {@code maxInFlight}). */
  public int openCalls() {
    return inFlight.open();
  }

  /** Calls waiting for one of the open ones to finish. */
  public int queuedCalls() {
    return inFlight.waiting();
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      // Daemon: the client has no close(), and its threads must never keep an application alive.
      thread.setDaemon(true);
      return thread;
    };
  }

  private Answer answer(HttpResponse<String> response, boolean submit, String taskId) {
    String body = response.body() == null ? "" : response.body();
    JsonNode root = null;
    try {
      root = body.isBlank() ? null : json.readTree(body);
    } catch (JsonProcessingException e) {
      root = null;
    }
    int status = response.statusCode();
    int effective = effectiveCode(status, root);
    if (effective >= 200 && effective < 300) {
      if (root == null || !root.isObject()) {
        throw new PixverseApiException(
            ErrorKind.MALFORMED_RESPONSE,
            status,
            (submit
                    ? "the submit answer is not a JSON object, so a paid task may exist: "
                    : "the answer is not a JSON object: ")
                + excerpt(body),
            taskId,
            null,
            null);
      }
      return new Answer(status, body, root);
    }
    String message = redact(apiMessage(root, body));
    String type = root == null ? "" : root.path(WireFormat.ERROR).path(WireFormat.TYPE).asText("");
    Duration retryAfter = retryAfter(response.headers().firstValue("Retry-After").orElse(null));
    throw new PixverseApiException(
        kindOf(effective, submit, message + " " + type),
        effective,
        message,
        taskId,
        retryAfter,
        null);
  }

  /** A 200 answer may still carry an error code inside (the API wraps everything in {code,...}). */
  private static int effectiveCode(int httpStatus, JsonNode root) {
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

  private static ErrorKind kindOf(int code, boolean submit, String text) {
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

  private PixverseApiException ioFailure(Throwable failure, boolean submit, String taskId) {
    if (failure instanceof PixverseApiException api) {
      return api;
    }
    if (failure instanceof HttpConnectTimeoutException
        || hasCause(failure, ConnectException.class)
        || hasCause(failure, UnknownHostException.class)
        || hasCause(failure, UnresolvedAddressException.class)) {
      return new PixverseApiException(
          ErrorKind.CONNECTION_FAILED,
          0,
          "could not connect to "
              + config.baseUrl()
              + " ("
              + redact(describe(failure))
              + "); the request was not sent",
          taskId,
          null,
          failure);
    }
    String what =
        failure instanceof HttpTimeoutException
            ? "no answer within " + config.requestTimeout()
            : "connection lost after the request was sent (" + redact(describe(failure)) + ")";
    String consequence = submit ? "; the API may have accepted it and a paid task may exist" : "";
    return new PixverseApiException(
        ErrorKind.OUTCOME_UNKNOWN,
        0,
        what + consequence,
        taskId,
        null,
        failure instanceof IOException ? failure : null);
  }

  private static String apiMessage(JsonNode root, String body) {
    if (root != null && root.isObject()) {
      JsonNode error = root.get(WireFormat.ERROR);
      if (error != null && error.isObject() && error.hasNonNull(WireFormat.MESSAGE)) {
        return error.get(WireFormat.MESSAGE).asText();
      }
      if (error != null && error.isTextual()) {
        return error.asText();
      }
      if (root.hasNonNull(WireFormat.MESSAGE)) {
        return root.get(WireFormat.MESSAGE).asText();
      }
    }
    return excerpt(body);
  }

  static Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime when =
            ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(ZonedDateTime.now(when.getZone()), when);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (RuntimeException notADate) {
        return null;
      }
    }
  }

  private String redact(String text) {
    return config.redact(text);
  }

  private static String excerpt(String body) {
    if (body == null || body.isBlank()) {
      return "(empty body)";
    }
    String flat = body.replaceAll("\\s+", " ").trim();
    return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT) + "...";
  }

  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The failure inside the wrappers that asynchronous calls add (CompletionException,
   * ExecutionException).
   */
  public static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Waits for an asynchronous call and rethrows its failure as it was classified. */
  public static <T> T join(CompletableFuture<T> call) {
    try {
      return call.join();
    } catch (CompletionException e) {
      if (unwrap(e) instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
  }
}
