package io.github.pixversecamunda.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.github.pixversecamunda.simulator.Endpoint;
import io.github.pixversecamunda.simulator.Fault;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against the simulator over loopback: one test per error class. */
class PixverseClientTest {

  private PixverseSimulator simulator;
  private PixverseClient client;
  private final List<Throwable> seenFailures = new ArrayList<>();

  @BeforeEach
  void start() {
    simulator = new PixverseSimulator().completeOnPoll(2).start();
    client = clientFor(simulator.baseUrl(), simulator.apiKey());
  }

  @AfterEach
  void stop() {
    simulator.close();
    // Whatever failed in a test, the key must not have leaked into its text.
    for (Throwable failure : seenFailures) {
      for (Throwable t = failure; t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain(simulator.apiKey());
        assertThat(t.toString()).doesNotContain(simulator.apiKey());
      }
    }
  }

  private static PixverseClient clientFor(String baseUrl, String key) {
    return new PixverseClient(
        PixverseClientConfig.of(baseUrl, key)
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)));
  }

  private static GenerationRequest request() {
    return GenerationRequest.builder().prompt("A dragon flying over a medieval castle").build();
  }

  private PixverseApiException failure(Supplier<?> call) {
    try {
      call.get();
    } catch (PixverseApiException e) {
      seenFailures.add(e);
      return e;
    }
    throw new AssertionError("expected the call to fail");
  }

  @Test
  void submitsAndFollowsATaskToItsVideo() {
    SubmittedTask task = client.submit(request());

    assertThat(task.taskId()).endsWith("_pixverse");
    assertThat(task.rawStatus()).isEqualTo("IN_PROGRESS");
    TaskStatus first = client.status(task.taskId());
    assertThat(first.state()).isEqualTo(TaskState.RUNNING);
    TaskStatus second = client.status(task.taskId());
    assertThat(second.state()).isEqualTo(TaskState.COMPLETED);
    assertThat(second.videoUrl()).isEqualTo(simulator.fileUrl(task.taskId() + ".mp4"));
    assertThat(simulator.tasksCreated()).isEqualTo(1);
    assertThat(simulator.requests(Endpoint.STATUS)).isEqualTo(2);
  }

  @Test
  void aFailingObserverChangesNothingAboutTheCall() throws Exception {
    ApiCallObserver broken =
        new ApiCallObserver() {
          @Override
          public void callStarted(ApiCallObserver.Endpoint endpoint, Duration waitedForSlot) {
            throw new IllegalStateException("metrics broke");
          }

          @Override
          public void callFinished(ApiCallObserver.Endpoint endpoint, ErrorKind failure) {
            throw new IllegalStateException("metrics broke");
          }
        };
    PixverseClient observed =
        new PixverseClient(
            PixverseClientConfig.of(simulator.baseUrl(), simulator.apiKey()),
            new com.fasterxml.jackson.databind.ObjectMapper(),
            broken);

    SubmittedTask task =
        observed.submitAsync(GenerationRequest.builder().prompt("A dragon").build()).get();

    assertThat(simulator.taskIds()).containsExactly(task.taskId());
  }

  @Test
  void aSubmitStillQueuedAtItsSendByTimeIsNeverSent() {
    var late =
        client.submitAsync(
            GenerationRequest.builder().prompt("A dragon").build(),
            java.time.Instant.now().minusSeconds(1));

    assertThatThrownBy(late::join)
        .hasCauseInstanceOf(PixverseApiException.class)
        .cause()
        .satisfies(
            e -> {
              assertThat(((PixverseApiException) e).kind()).isEqualTo(ErrorKind.CONNECTION_FAILED);
              assertThat(e.getMessage()).contains("not sent");
            });
    assertThat(simulator.requests(Endpoint.SUBMIT)).isZero();
  }

  @Test
  void readsTheFlatStatusShapeToo() {
    simulator.statusShape(PixverseSimulator.StatusShape.FLAT).completeOnPoll(1);
    SubmittedTask task = client.submit(request());

    assertThat(client.status(task.taskId()).videoUrl()).endsWith(task.taskId() + ".mp4");
  }

  @Test
  void generationFailureAndContentRejectionAreStatusesNotErrors() {
    simulator.completeOnPoll(1);
    String failed = client.submit(GenerationRequest.builder().prompt("x [fail]").build()).taskId();
    String rejected =
        client.submit(GenerationRequest.builder().prompt("x [reject]").build()).taskId();

    TaskStatus failedStatus = client.status(failed);
    TaskStatus rejectedStatus = client.status(rejected);
    assertThat(failedStatus.state()).isEqualTo(TaskState.FAILED);
    assertThat(failedStatus.contentRejected()).isFalse();
    assertThat(failedStatus.failureReason()).contains("simulated model error");
    assertThat(rejectedStatus.state()).isEqualTo(TaskState.FAILED);
    assertThat(rejectedStatus.contentRejected()).isTrue();
  }

  @Test
  void invalidRequest() {
    simulator.inject(Endpoint.SUBMIT, 1, Fault.status(400));

    PixverseApiException e = failure(() -> client.submit(request()));

    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.apiMessage()).isEqualTo("Invalid parameters");
  }

  @Test
  void authentication() {
    PixverseClient wrongKey = clientFor(simulator.baseUrl(), "aio_wrong_key");

    PixverseApiException e = failure(() -> wrongKey.submit(request()));

    assertThat(e.kind()).isEqualTo(ErrorKind.AUTHENTICATION);
    assertThat(e.httpStatus()).isEqualTo(401);
    assertThat(e.getMessage()).contains("Invalid API key").doesNotContain("aio_wrong_key");
    assertThat(simulator.tasksCreated()).isZero();
  }

  @Test
  void insufficientCredits() {
    simulator.creditBalance(100);
    client.submit(request()); // 90 credits

    PixverseApiException e = failure(() -> client.submit(request()));

    assertThat(e.kind()).isEqualTo(ErrorKind.INSUFFICIENT_CREDITS);
    assertThat(e.httpStatus()).isEqualTo(402);
    assertThat(simulator.tasksCreated()).isEqualTo(1);
  }

  @Test
  void rateLimitedWithAndWithoutRetryAfter() {
    simulator.inject(Endpoint.SUBMIT, 1, Fault.status(429, Duration.ofSeconds(7)));
    simulator.inject(Endpoint.SUBMIT, 1, Fault.status(429));

    PixverseApiException withHeader = failure(() -> client.submit(request()));
    // A client that was just told to wait holds its next submit back instead of sending it.
    PixverseApiException heldBack = failure(() -> client.submit(request()));
    PixverseApiException without =
        failure(
            () ->
                new PixverseClient(PixverseClientConfig.of(simulator.baseUrl(), simulator.apiKey()))
                    .submit(request()));

    assertThat(withHeader.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(withHeader.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(heldBack.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(heldBack.httpStatus()).isZero();
    assertThat(heldBack.getMessage()).contains("not sent");
    assertThat(without.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
    assertThat(without.retryAfter()).isEmpty();
    assertThat(withHeader.kind().isTransient()).isTrue();
    assertThat(simulator.requests(Endpoint.SUBMIT)).isEqualTo(2);
    assertThat(simulator.tasksCreated()).isZero();
  }

  @Test
  void serverError() {
    simulator.inject(Endpoint.SUBMIT, 1, Fault.status(503));

    PixverseApiException e = failure(() -> client.submit(request()));

    assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
    assertThat(e.httpStatus()).isEqualTo(503);
    assertThat(e.kind().isTransient()).isTrue();
  }

  @Test
  void gatewayTimeoutOnSubmitIsOutcomeUnknown() {
    simulator.inject(Endpoint.SUBMIT, 1, Fault.status(504));

    assertThat(failure(() -> client.submit(request())).kind()).isEqualTo(ErrorKind.OUTCOME_UNKNOWN);
  }

  @Test
  void notFoundCarriesTheTaskId() {
    PixverseApiException e = failure(() -> client.status("no_such_task"));

    assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(e.taskId()).contains("no_such_task");
    assertThat(e.getMessage()).contains("[task no_such_task]");
  }

  @Test
  void connectionRefusedMeansNothingWasSent() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    PixverseClient nowhere = clientFor("http://127.0.0.1:" + closedPort + "/api/v1", "aio_k");

    PixverseApiException e = failure(() -> nowhere.submit(request()));

    assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION_FAILED);
    assertThat(e.kind().isTransient()).isTrue();
    assertThat(e.getMessage()).contains("the request was not sent");
  }

  @Test
  void connectionLostAfterTheSubmitWasReadIsOutcomeUnknownAndAPaidTaskExists() {
    simulator.inject(Endpoint.SUBMIT, 1, Fault.dropAfterRead());

    PixverseApiException e = failure(() -> client.submit(request()));

    assertThat(e.kind()).isEqualTo(ErrorKind.OUTCOME_UNKNOWN);
    assertThat(e.kind().isTransient()).isFalse();
    assertThat(e.getMessage()).contains("a paid task may exist");
    assertThat(simulator.tasksCreated()).isEqualTo(1);
  }

  @Test
  void connectionDroppedBeforeTheServerReadIsStillUnknownToTheClient() {
    simulator.inject(Endpoint.SUBMIT, 1, Fault.dropBeforeRead());

    assertThat(failure(() -> client.submit(request())).kind()).isEqualTo(ErrorKind.OUTCOME_UNKNOWN);
    assertThat(simulator.tasksCreated()).isZero();
  }

  @Test
  void timeoutAfterSendingIsOutcomeUnknown() {
    simulator.inject(Endpoint.SUBMIT, 1, Fault.delay(Duration.ofSeconds(4)));

    PixverseApiException e = failure(() -> client.submit(request()));

    assertThat(e.kind()).isEqualTo(ErrorKind.OUTCOME_UNKNOWN);
    assertThat(e.getMessage())
        .contains("no complete answer within PT2S")
        .contains("a paid task may exist");
  }

  @Test
  void malformedAnswers() {
    simulator.inject(Endpoint.SUBMIT, 1, Fault.malformedBody());
    PixverseApiException submit = failure(() -> client.submit(request()));
    assertThat(submit.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    assertThat(submit.getMessage()).contains("a paid task may exist");

    String taskId = client.submit(request()).taskId();
    simulator.inject(Endpoint.STATUS, 1, Fault.malformedBody());
    assertThat(failure(() -> client.status(taskId)).kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
  }

  @Test
  void taskIdsThatCouldEscapeThePathAreRefusedWithoutARequest() {
    assertThatThrownBy(() -> client.status("../videos/generations"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("taskId");
    assertThat(simulator.requests(Endpoint.STATUS)).isZero();
  }

  @Test
  void errorCodeInsideA200AnswerIsAnError() throws IOException {
    try (StubServer stub =
        new StubServer(
            200,
            "{\"code\":402,\"message\":\"Insufficient credits, please top up\",\"data\":null}")) {
      PixverseApiException e = failure(() -> clientFor(stub.baseUrl(), "aio_k").submit(request()));
      assertThat(e.kind()).isEqualTo(ErrorKind.INSUFFICIENT_CREDITS);
      assertThat(e.httpStatus()).isEqualTo(402);
    }
  }

  @Test
  void theKeyIsRedactedEvenWhenTheServerEchoesIt() throws IOException {
    String key = "aio_secret_echo_123";
    try (StubServer stub =
        new StubServer(
            400,
            "{\"error\":{\"code\":400,\"message\":\"bad key format: "
                + key
                + "\",\"type\":\"invalid_request\"}}")) {
      PixverseClient echoing = clientFor(stub.baseUrl(), key);
      PixverseApiException e = failure(() -> echoing.submit(request()));
      assertThat(e.getMessage()).doesNotContain(key).contains("****");
      assertThat(echoing.config().toString()).doesNotContain(key);
    }
  }

  /** A server that answers every request with one fixed status and body. */
  static final class StubServer implements AutoCloseable {
    private final HttpServer server;

    StubServer(int status, String body) throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/",
          exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
          });
      server.start();
    }

    String baseUrl() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
