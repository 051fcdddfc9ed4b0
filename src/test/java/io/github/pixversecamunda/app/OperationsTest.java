package io.github.pixversecamunda.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pixversecamunda.simulator.Endpoint;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import io.github.pixversecamunda.spring.SpringOnEngine;
import io.github.pixversecamunda.testing.EngineFixture;
import io.github.pixversecamunda.testing.EngineHarness;
import io.github.pixversecamunda.testing.PixverseEngineExtension;
import io.github.pixversecamunda.testing.ProcessIds;
import io.github.pixversecamunda.worker.Variables;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The worker application as an operator runs it (with its web server, on a random port) against the
 * in-memory engine and the simulator: health probes, the Prometheus scrape and structured logs.
 */
@ExtendWith(OutputCaptureExtension.class)
class OperationsTest {

  // The application does not deploy processes here: the engine starts with the bundled ones.
  @RegisterExtension
  static final PixverseEngineExtension PIXVERSE = PixverseEngineExtension.withBundledProcesses();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @AfterAll
  static void restoreTestLogging() throws Exception {
    // The structured-log test reconfigured logback for this JVM: give later tests their own set-up
    // back.
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    logback.reset();
    new ContextInitializer(logback).autoConfig();
  }

  /** The application on the fixture's engine, simulator and storage folder. */
  private static Map<String, Object> settings(EngineFixture fixture) {
    Map<String, Object> settings = new LinkedHashMap<>(SpringOnEngine.properties(fixture));
    settings.put("server.port", "0");
    settings.put("pixverse.download.directory", fixture.storage().toString());
    settings.put("pixverse.download.allow-loopback", "true");
    settings.put("pixverse.cluster-check-interval", "200ms");
    // The engine's timers run in real time: keep the wait between status checks short.
    settings.put("pixverse.poll.floor", "1s");
    settings.put("pixverse.poll.ceiling", "1s");
    return settings;
  }

  /** The application exactly as main() builds it; the test's settings rank above its defaults. */
  private static ConfigurableApplicationContext start(Map<String, Object> settings) {
    SpringApplication application = PixverseWorkerApplication.application();
    List<String> args =
        settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    return application.run(args.toArray(String[]::new));
  }

  private static String base(ConfigurableApplicationContext context) {
    return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String status(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body()).path("status").asText();
  }

  /** The value of the one sample of {@code name} whose labels include all of {@code labels}. */
  static double sample(String scrape, String name, Map<String, String> labels) {
    Pattern line =
        Pattern.compile(
            "^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+\\-]+)$", Pattern.MULTILINE);
    Matcher m = line.matcher(scrape);
    Double found = null;
    while (m.find()) {
      String labelText = m.group(1) == null ? "" : m.group(1);
      if (labels.entrySet().stream()
          .allMatch(l -> labelText.contains(l.getKey() + "=\"" + l.getValue() + "\""))) {
        assertThat(found).as("more than one sample of %s with %s", name, labels).isNull();
        found = Double.parseDouble(m.group(2));
      }
    }
    assertThat(found).as("a sample of %s with %s in%n%s", name, labels, scrape).isNotNull();
    return found;
  }

  @Test
  void scrapeCountsOneGenerationAndReadinessFollowsConnectionAndDrain(EngineFixture fixture)
      throws Exception {
    EngineHarness engine = fixture.engine();
    PixverseSimulator simulator = fixture.startSimulator(s -> s.completeOnPoll(2));
    try (ConfigurableApplicationContext context = start(settings(fixture))) {
      String base = base(context);
      await()
          .atMost(EngineHarness.WAIT)
          .until(() -> get(base + "/actuator/health/readiness").statusCode() == 200);
      assertThat(status(get(base + "/actuator/health/readiness"))).isEqualTo("UP");
      assertThat(status(get(base + "/actuator/health/liveness"))).isEqualTo("UP");

      long instance =
          engine.start(ProcessIds.TEXT_TO_VIDEO, Map.of("prompt", "A lighthouse in a storm"));
      engine.awaitCompleted(instance);
      assertThat(engine.endEvents(instance)).containsExactly(ProcessIds.END_VIDEO_READY);

      HttpResponse<String> scrape = get(base + "/actuator/prometheus");
      assertThat(scrape.statusCode()).isEqualTo(200);
      String metrics = scrape.body();
      System.err.println("---- sample scrape (pixverse_ and camunda_ lines) ----");
      metrics
          .lines()
          .filter(l -> l.startsWith("pixverse_") || l.startsWith("camunda_"))
          .forEach(System.err::println);

      assertThat(sample(metrics, "pixverse_submits_total", Map.of("outcome", "accepted")))
          .isEqualTo(1.0);
      assertThat(
              sample(
                  metrics,
                  "pixverse_credits_estimated_total",
                  Map.of("resolution", "720p", "duration", "5", "audio", "false")))
          .isEqualTo(90.0);
      int statusCalls = simulator.requests(Endpoint.STATUS);
      assertThat(statusCalls).isEqualTo(2);
      assertThat(sample(metrics, "pixverse_generation_status_checks_count", Map.of()))
          .isEqualTo(1.0);
      assertThat(sample(metrics, "pixverse_generation_status_checks_sum", Map.of()))
          .isEqualTo(statusCalls);
      assertThat(
              sample(
                  metrics,
                  "pixverse_generation_time_seconds_count",
                  Map.of("resolution", "720p", "duration", "5")))
          .isEqualTo(1.0);
      assertThat(
              sample(
                  metrics,
                  "pixverse_api_calls_total",
                  Map.of("endpoint", "status", "outcome", "success")))
          .isEqualTo(statusCalls);
      assertThat(sample(metrics, "pixverse_api_in_flight", Map.of())).isZero();
      // Bound by Spring Boot like any MeterBinder bean: no refusal here, so no pause.
      assertThat(sample(metrics, "pixverse_submit_pause_seconds", Map.of())).isZero();
      assertThat(sample(metrics, "pixverse_download_size_bytes_count", Map.of())).isEqualTo(1.0);
      assertThat(
              sample(
                  metrics,
                  "camunda_job_invocations_total",
                  Map.of("action", "activated", "type", "pixverse-submit-video")))
          .isEqualTo(1.0);
      assertThat(metrics).doesNotContain(simulator.apiKey()).doesNotContain("lighthouse");

      JsonNode health = JSON.readTree(get(base + "/actuator/health").body());
      assertThat(health.at("/components/pixverseApi/status").asText()).isEqualTo("UP");
      assertThat(health.at("/components/pixverseApi/details/calls").asInt())
          .isEqualTo(1 + statusCalls);
      assertThat(health.toString()).doesNotContain(simulator.apiKey());

      // What the drain does first on SIGTERM.
      AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
      HttpResponse<String> draining = get(base + "/actuator/health/readiness");
      assertThat(draining.statusCode()).isEqualTo(503);
      assertThat(status(draining)).isEqualTo("OUT_OF_SERVICE");
      assertThat(status(get(base + "/actuator/health/liveness"))).isEqualTo("UP");
    }
  }

  @Test
  void structuredLogLinesCarryTheProcessInstanceAndTaskButNeverTheKey(
      EngineFixture fixture, CapturedOutput output) throws Exception {
    EngineHarness engine = fixture.engine();
    PixverseSimulator simulator = fixture.startSimulator(s -> s.completeOnPoll(1));
    Map<String, Object> settings = settings(fixture);
    settings.put("logging.config", "classpath:logback-structured-test.xml");
    settings.put("logging.structured.format.console", "ecs");
    long instance;
    try (ConfigurableApplicationContext context = start(settings)) {
      instance =
          engine.start(ProcessIds.TEXT_TO_VIDEO, Map.of("prompt", "A lighthouse in a storm"));
      engine.awaitCompleted(instance);
    }
    String taskId =
        engine.variable(instance, Variables.DEFAULT_SUBMIT_RESULT).path("taskId").asText();
    assertThat(taskId).isNotBlank();

    List<JsonNode> submitted =
        output
            .getOut()
            .lines()
            .filter(l -> l.startsWith("{"))
            .map(OperationsTest::parse)
            .filter(
                l ->
                    l.path("log").path("logger").asText().endsWith("SubmitVideoHandler")
                        || l.path("log.logger").asText().endsWith("SubmitVideoHandler"))
            .toList();
    assertThat(submitted)
        .as("the submit handler's structured lines in%n%s", output.getOut())
        .isNotEmpty();
    JsonNode line = submitted.get(0);
    assertThat(line.path("processInstanceKey").asText()).isEqualTo(Long.toString(instance));
    assertThat(line.path("pixverseTaskId").asText()).isEqualTo(taskId);
    assertThat(line.path("elementId").asText()).isNotBlank();
    assertThat(line.path("jobKey").asText()).isNotBlank();
    assertThat(line.path("jobType").asText()).isEqualTo("pixverse-submit-video");
    assertThat(output.getAll()).doesNotContain(simulator.apiKey());
  }

  @Test
  void withoutAReachableClusterTheHealthEndpointAnswersNotReady(EngineFixture fixture)
      throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    fixture.startSimulator(s -> s);
    Map<String, Object> settings = settings(fixture);
    // A port nothing listens on instead of the engine's.
    settings.put("camunda.client.grpc-address", "http://127.0.0.1:" + closedPort);
    try (ConfigurableApplicationContext context = start(settings)) {
      String base = base(context);
      HttpResponse<String> readiness = get(base + "/actuator/health/readiness");
      assertThat(readiness.statusCode()).isEqualTo(503);
      JsonNode body = JSON.readTree(readiness.body());
      assertThat(body.path("status").asText()).isEqualTo("DOWN");
      assertThat(body.at("/components/camundaCluster/details/clusterReached").asBoolean(true))
          .isFalse();
      assertThat(status(get(base + "/actuator/health/liveness"))).isEqualTo("UP");
    }
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}
