package io.github.pixversecamunda.api;

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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
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
 *
 * <p>Every answer must arrive whole, body included, within the request timeout, and at most {@link
 * #MAX_ANSWER_BYTES} of it is read. What an answer means is {@link ApiAnswers}' decision. Submits
 * have a ceiling of their own ({@link AccountLimits#maxSubmitsInFlight()}), and after a refusal for
 * the account's limits no submit leaves until the wait is over ({@link AccountLimitBackoff}).
 */
public final class PixverseClient {

  private static final Logger LOG = LoggerFactory.getLogger(PixverseClient.class);

  /** API answers are small JSON documents; anything larger is not read to its end. */
  public static final int MAX_ANSWER_BYTES = 1024 * 1024;

  private final PixverseClientConfig config;
  private final HttpClient http;
  private final ObjectMapper json;
  private final InFlightLimit inFlight;
  private final ApiCallObserver observer;
  private final ApiAnswers answers;
  private final InFlightLimit submitSlots;
  private final AccountLimitBackoff backoff;
  private final ScheduledExecutorService timeouts;

  /** Handling answers is quick and never waits, so the cores are enough threads for it. */
  private static final int ANSWER_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

  /**
   * A client with its own Jackson mapper and no observer.
   *
   * @param config how to reach the API
   */
  public PixverseClient(PixverseClientConfig config) {
    this(config, new ObjectMapper());
  }

  /**
   * A client that reads and writes JSON with the caller's mapper.
   *
   * @param config how to reach the API
   * @param json reads the answers and writes the requests
   */
  public PixverseClient(PixverseClientConfig config, ObjectMapper json) {
    this(config, json, ApiCallObserver.NONE);
  }

  /**
   * With an observer that hears of every call (metrics, health).
   *
   * @param config how to reach the API
   * @param json reads the answers and writes the requests
   * @param observer hears of every call; its failures never change a call's result
   */
  public PixverseClient(PixverseClientConfig config, ObjectMapper json, ApiCallObserver observer) {
    this.config = config;
    this.json = json;
    this.observer = observer;
    ExecutorService answers =
        Executors.newFixedThreadPool(ANSWER_THREADS, daemonThreads("pixverse-http-"));
    this.inFlight = new InFlightLimit(config.maxInFlight(), answers);
    this.submitSlots = new InFlightLimit(config.limits().maxSubmitsInFlight(), answers);
    this.backoff = new AccountLimitBackoff(config.limits());
    this.answers = new ApiAnswers(json, config::redact);
    this.timeouts =
        Executors.newSingleThreadScheduledExecutor(daemonThreads("pixverse-http-timeout-"));
    this.http =
        HttpClient.newBuilder()
            .executor(answers)
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** {@return how this client reaches the API (the key masked in its {@code toString()})} */
  public PixverseClientConfig config() {
    return config;
  }

  /**
   * This client's (the replica's) memory of the account's refusals.
   *
   * @return the back-off shared by every submit of this client
   */
  public AccountLimitBackoff accountLimits() {
    return backoff;
  }

  /**
   * Creates a paid generation task. Validation already happened when the request was built.
   *
   * @param request a checked request
   * @return the accepted task, or a classified failure
   */
  public CompletableFuture<SubmittedTask> submitAsync(GenerationRequest request) {
    return submitAsync(request, null);
  }

  /**
   * The same, but never sent after {@code sendBy}: a submit that waited in the queue for a free
   * slot until then fails as {@link ErrorKind#CONNECTION_FAILED} without leaving the worker. A job
   * worker passes its job's deadline less the request timeout, so that no POST goes out after the
   * engine may have handed the job to another worker.
   *
   * @param request a checked request
   * @param sendBy the last moment the POST may leave, or null for no limit
   * @return the accepted task, or a classified failure
   */
  public CompletableFuture<SubmittedTask> submitAsync(
      GenerationRequest request, @Nullable Instant sendBy) {
    String body = WireFormat.toBody(request, json).toString();
    HttpRequest http =
        request(WireFormat.GENERATIONS_PATH)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return submitSlots.call(
        () -> {
          Duration paused = backoff.pausedFor();
          if (paused.compareTo(Duration.ZERO) > 0) {
            // The API asked this replica to wait: the submit does not add to the refusals.
            return CompletableFuture.failedFuture(
                new PixverseApiException(
                    backoff.lastKind(),
                    0,
                    "not sent: the API refused a submit for the account's limits moments ago and"
                        + " this replica waits "
                        + Duration.ofSeconds(paused.toSeconds() + 1)
                        + " before the next one",
                    null,
                    paused,
                    null));
          }
          return send(http, true, null, sendBy)
              .thenApply(
                  reply -> {
                    SubmittedTask task = answers.submitted(reply);
                    backoff.accepted();
                    LOG.debug("Submitted PixVerse task {}", task.taskId());
                    return task;
                  })
              .whenComplete(
                  (task, failure) -> {
                    if (failure != null
                        && Futures.unwrap(failure) instanceof PixverseApiException e
                        && e.kind().isAccountLimit()
                        && e.httpStatus() != 0) {
                      backoff.refused(e.kind(), e.retryAfter().orElse(null));
                    }
                  });
        });
  }

  /**
   * Checks a task once. Unknown status words read as {@link TaskState#RUNNING}.
   *
   * @param taskId the task's id; an unusable one fails as invalid input before any request
   * @return the task's status, or a classified failure
   */
  public CompletableFuture<TaskStatus> statusAsync(String taskId) {
    if (!WireFormat.isUsableTaskId(taskId)) {
      return CompletableFuture.failedFuture(
          new InvalidInputException(
              List.of(
                  new Violation(
                      "taskId",
                      WireFormat.quoted(taskId)
                          + " is not a task id (letters, digits, '.', '_', ':', '-', starting with"
                          + " a letter or digit, no '..'; 1 to 200 characters)"))));
    }
    HttpRequest http = request(WireFormat.TASKS_PATH + taskId).GET().build();
    return send(http, false, taskId).thenApply(reply -> answers.status(taskId, reply));
  }

  /**
   * Creates a paid generation task and waits for the answer; for callers without a future.
   *
   * @param request a checked request
   * @return the accepted task
   * @throws PixverseApiException classified; never retried here
   */
  public SubmittedTask submit(GenerationRequest request) {
    return Futures.join(submitAsync(request));
  }

  /**
   * Checks a task once and waits for the answer.
   *
   * @param taskId the task's id
   * @return its status
   * @throws PixverseApiException classified
   */
  public TaskStatus status(String taskId) {
    return Futures.join(statusAsync(taskId));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(config.baseUrl() + path))
        .timeout(config.requestTimeout())
        .header("Accept", "application/json")
        .header("Authorization", "Bearer " + config.apiKey());
  }

  private CompletableFuture<ApiAnswers.Reply> send(
      HttpRequest request, boolean submit, @Nullable String taskId) {
    return send(request, submit, taskId, null);
  }

  private CompletableFuture<ApiAnswers.Reply> send(
      HttpRequest request, boolean submit, @Nullable String taskId, @Nullable Instant sendBy) {
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
          CompletableFuture<ApiAnswers.Reply> result;
          try {
            result = exchange(request, submit, taskId);
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
                                  : Futures.unwrap(failure) instanceof PixverseApiException e
                                      ? e.kind()
                                      : ErrorKind.MALFORMED_RESPONSE)));
        });
  }

  /**
   * Sends and reads the whole answer within the request timeout, body included (the JDK client's
   * own timeout stops counting once the headers are in, so a server that drips its body one byte a
   * second would hold the job until its job timeout), and never more than {@link #MAX_ANSWER_BYTES}
   * of it. The answer is classified later; here only what arrived, or the transport's failure.
   */
  private CompletableFuture<ApiAnswers.Reply> exchange(
      HttpRequest request, boolean submit, @Nullable String taskId) {
    CompletableFuture<HttpResponse<byte[]>> sending =
        http.sendAsync(request, BoundedBody.handler(MAX_ANSWER_BYTES));
    AtomicBoolean timedOut = new AtomicBoolean();
    ScheduledFuture<?> deadline =
        timeouts.schedule(
            () -> {
              timedOut.set(true);
              // Cancelling the JDK client's future aborts the exchange and closes its connection.
              sending.cancel(true);
            },
            config.requestTimeout().toMillis(),
            TimeUnit.MILLISECONDS);
    return sending.handle(
        (response, failure) -> {
          deadline.cancel(false);
          if (failure != null) {
            Throwable cause = Futures.unwrap(failure);
            if (timedOut.get() || cause instanceof CancellationException) {
              cause = new HttpTimeoutException("the whole answer did not arrive");
            }
            throw ioFailure(cause, submit, taskId);
          }
          return new ApiAnswers.Reply(
              response.statusCode(),
              new String(response.body(), StandardCharsets.UTF_8),
              response.headers().firstValue("Retry-After").orElse(null),
              response.headers().firstValue("Location").orElse(null));
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

  /** Calls open now (at most {@code maxInFlight}); for the in-flight limit's tests. */
  int openCalls() {
    return inFlight.open();
  }

  /**
   * Calls waiting for one of the open ones to finish.
   *
   * @return the calls queued now
   */
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

  private PixverseApiException ioFailure(
      Throwable failure, boolean submit, @Nullable String taskId) {
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
    if (failure instanceof BoundedBody.TooLarge tooLarge) {
      return new PixverseApiException(
          ErrorKind.MALFORMED_RESPONSE,
          0,
          tooLarge.getMessage()
              + ", so it was not read"
              + (submit ? "; the API may have accepted the submit and a paid task may exist" : ""),
          taskId,
          null,
          null);
    }
    String what =
        failure instanceof HttpTimeoutException
            ? "no complete answer within " + config.requestTimeout()
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

  static @Nullable Duration retryAfter(@Nullable String header) {
    return ApiAnswers.retryAfter(header);
  }

  private String redact(String text) {
    return config.redact(text);
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
}
