package io.github.pixversecamunda.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import io.camunda.client.api.worker.JobWorker;
import io.github.pixversecamunda.api.PixverseClient;
import io.github.pixversecamunda.api.PixverseClientConfig;
import io.github.pixversecamunda.simulator.Endpoint;
import io.github.pixversecamunda.simulator.Fault;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import io.github.pixversecamunda.testing.EngineFixture;
import io.github.pixversecamunda.testing.EngineHarness;
import io.github.pixversecamunda.testing.LogCapture;
import io.github.pixversecamunda.testing.PixverseEngineExtension;
import io.github.pixversecamunda.testing.ProcessIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API key lives in the worker's configuration only: after successful, failing and
 * unknown-outcome runs it appears in no log line (at any level), no incident, no job error and no
 * process variable.
 */
class SecretsTest {

  private static final String KEY = "aio_live_9f8e7d6c5b4a_secret";

  // One test, so the class's engine holds this test's records only.
  @RegisterExtension
  static final PixverseEngineExtension PIXVERSE =
      PixverseEngineExtension.withBundledProcesses()
          .simulator(s -> s.apiKey(KEY).completeOnPoll(1))
          .schedule(PollSchedule.DEFAULT);

  private EngineFixture fixture;
  private EngineHarness engine;
  private PixverseSimulator simulator;
  private final List<JobWorker> workers = new ArrayList<>();
  private LogCapture logs;

  @BeforeEach
  void start(EngineFixture fixture) {
    // Every logger at DEBUG, the HTTP client's header and wire logging too, kept off the console.
    logs = LogCapture.atDebug();
    this.fixture = fixture;
    engine = fixture.engine();
    simulator = fixture.simulator();
  }

  @AfterEach
  void stop() {
    workers.forEach(JobWorker::close);
    logs.close();
  }

  private void openWorkers(String key) {
    PixverseClient api =
        new PixverseClient(
            PixverseClientConfig.of(simulator.baseUrl(), key)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)));
    workers.addAll(fixture.openWorkers(api, fixture.downloader()));
  }

  @Test
  void theKeyNeverLeavesTheWorkerConfiguration() {
    openWorkers(KEY);
    long ok = engine.start(ProcessIds.TEXT_TO_VIDEO, Map.of("prompt", "A dragon"));
    // The first check waits for the earliest likely finish; move the engine's clock past it.
    engine.awaitWaitingAt(ok, ProcessIds.WAIT_BEFORE_NEXT_CHECK);
    engine.increaseTime(Duration.ofMinutes(1));
    engine.awaitCompleted(ok);
    simulator.inject(Endpoint.SUBMIT, 1, Fault.dropAfterRead());
    long unknown = engine.start(ProcessIds.TEXT_TO_VIDEO, Map.of("prompt", "Another dragon"));
    await().atMost(EngineHarness.WAIT).until(() -> !engine.incidents(unknown).isEmpty());
    workers.forEach(JobWorker::close);
    workers.clear();

    String wrongKey = KEY + "_wrong";
    openWorkers(wrongKey);
    long rejected = engine.start(ProcessIds.TEXT_TO_VIDEO, Map.of("prompt", "A third dragon"));
    await().atMost(EngineHarness.WAIT).until(() -> !engine.incidents(rejected).isEmpty());

    assertThat(engine.endEvents(ok)).containsExactly(ProcessIds.END_VIDEO_READY);
    List<ILoggingEvent> events = logs.events();
    assertThat(events).isNotEmpty();
    // What the capture must reach: the project's DEBUG lines, and the download client's headers.
    assertThat(events)
        .anySatisfy(
            e -> {
              assertThat(e.getLevel()).isEqualTo(Level.DEBUG);
              assertThat(e.getLoggerName()).startsWith("io.github.pixversecamunda.");
            })
        .anySatisfy(
            e -> {
              assertThat(e.getLevel()).isEqualTo(Level.DEBUG);
              assertThat(e.getLoggerName()).isEqualTo("org.apache.hc.client5.http.headers");
            });
    for (ILoggingEvent event : events) {
      String text =
          event.getFormattedMessage()
              + (event.getThrowableProxy() == null
                  ? ""
                  : ThrowableProxyUtil.asString(event.getThrowableProxy()));
      assertThat(text).doesNotContain(KEY);
    }
    assertThat(engine.allErrorMessages()).isNotEmpty().noneMatch(m -> m != null && m.contains(KEY));
    assertThat(engine.allVariableValues()).isNotEmpty().noneMatch(v -> v.contains(KEY));
  }
}
