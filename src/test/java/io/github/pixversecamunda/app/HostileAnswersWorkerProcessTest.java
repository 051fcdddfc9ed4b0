package io.github.pixversecamunda.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pixversecamunda.simulator.Endpoint;
import io.github.pixversecamunda.simulator.Fault;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import io.github.pixversecamunda.testing.EngineFixture;
import io.github.pixversecamunda.testing.EngineHarness;
import io.github.pixversecamunda.testing.PixverseEngineExtension;
import io.github.pixversecamunda.testing.WorkerProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker application (a child JVM with a 256 MiB heap) against status answers of 20 MB and
 * answers that drip one byte at a time, many at once: it must stay alive, keep its heap bounded (an
 * answer is read to at most 1 MiB, and never for longer than the request timeout) and carry every
 * instance to its video, each paid once.
 */
@Tag("slow")
class HostileAnswersWorkerProcessTest {

  private static final String TEXT = "pixverse-text-to-video";
  private static final int INSTANCES = 6;
  private static final long MAX_HEAP = 256L * 1024 * 1024;

  @RegisterExtension
  static final PixverseEngineExtension PIXVERSE = PixverseEngineExtension.withBundledProcesses();

  @TempDir Path temp;

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static double heapUsed(int port) throws IOException, InterruptedException {
    String scrape =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher m =
        Pattern.compile(
                "^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.eE+\\-]+)$",
                Pattern.MULTILINE)
            .matcher(scrape);
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
    }
    return sum;
  }

  @Test
  void hugeAndDrippingAnswersLeaveTheWorkerAliveWithABoundedHeap(EngineFixture fixture)
      throws Exception {
    EngineHarness engine = fixture.engine();
    PixverseSimulator simulator = fixture.startSimulator(s -> s.completeOnPoll(2));
    String huge =
        "{\"code\":200,\"data\":{\"task_id\":\"{taskId}\",\"status\":\"completed\",\"padding\":\""
            + "p".repeat(20 * 1024 * 1024)
            + "\"}}";
    simulator.inject(Endpoint.STATUS, 8, Fault.answer(200, huge));
    simulator.inject(
        Endpoint.STATUS,
        4,
        Fault.answer(
                200,
                "{\"code\":200,\"data\":{\"task_id\":\"{taskId}\",\"status\":\"IN_PROGRESS\"}}")
            .dripping(Duration.ofMillis(300)));
    int port = freePort();
    WorkerProcess worker =
        fixture.closeAfterTest(
            WorkerProcess.application()
                .connectedTo(engine, simulator)
                .env("PIXVERSE_REQUESTTIMEOUT", "3s")
                .downloadsInto(fixture.storage())
                // The actuator on the application's own port, where the heap is scraped.
                .env("SERVER_PORT", Integer.toString(port))
                .log(temp.resolve("worker.log"))
                .start());
    worker.awaitStarted(Duration.ofSeconds(90));

    long started = System.nanoTime();
    List<Long> instances =
        IntStream.range(0, INSTANCES)
            .mapToObj(i -> engine.start(TEXT, Map.of("prompt", "Hostile video " + i)))
            .toList();
    double peakHeap = 0;
    long until = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    while (!engine.completedInstances().containsAll(instances) && System.nanoTime() < until) {
      assertThat(worker.isAlive()).as("worker alive").isTrue();
      peakHeap = Math.max(peakHeap, heapUsed(port));
      // Faults that outlast an instance's retries end in the incident an operator resolves once
      // the API behaves again: raise the retries.
      for (long instance : instances) {
        if (!engine.openIncidents(instance).isEmpty()) {
          engine.resolveIncidents(instance, Map.of());
        }
      }
      Thread.sleep(1000);
    }
    System.out.printf(
        "Hostile answers: %d instances, 8 status answers of 20 MB and 4 dripping (0.3 s a byte):"
            + " completed %d, incidents %d, paid %d, worker heap used at most %.1f MiB (-Xmx256m),"
            + " %.1f s%n",
        INSTANCES,
        instances.stream().filter(engine.completedInstances()::contains).count(),
        engine.allIncidents().size(),
        simulator.tasksCreated(),
        peakHeap / 1024 / 1024,
        (System.nanoTime() - started) / 1e9);

    assertThat(worker.isAlive()).isTrue();
    assertThat(worker.log())
        .doesNotContain("OutOfMemoryError")
        .doesNotContain("RESOURCE_EXHAUSTED");
    assertThat(engine.completedInstances()).containsAll(instances);
    assertThat(instances)
        .allSatisfy(
            instance -> assertThat(engine.endEvents(instance)).containsExactly("end_video_ready"));
    assertThat(simulator.tasksCreated()).isEqualTo(INSTANCES);
    assertThat(peakHeap).isPositive().isLessThan(MAX_HEAP);
  }
}
