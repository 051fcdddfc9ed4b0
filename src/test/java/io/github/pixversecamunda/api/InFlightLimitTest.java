package io.github.pixversecamunda.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Back-pressure without blocking: against an API that answers only when the test lets it, the
 * caller's thread returns at once from every call, and no more than max-in-flight calls are open.
 */
class InFlightLimitTest {

  private static final int MAX_IN_FLIGHT = 2;
  private static final int CALLS = 7;

  private HttpServer slowApi;
  private ExecutorService serverThreads;
  private final Semaphore answersAllowed = new Semaphore(0);
  private final AtomicInteger openAtServer = new AtomicInteger();
  private final AtomicInteger mostOpenAtServer = new AtomicInteger();
  private final AtomicInteger arrived = new AtomicInteger();

  @BeforeEach
  void startSlowApi() throws IOException {
    slowApi = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    serverThreads = Executors.newCachedThreadPool();
    slowApi.setExecutor(serverThreads);
    slowApi.createContext(
        "/",
        exchange -> {
          try (exchange) {
            int open = openAtServer.incrementAndGet();
            mostOpenAtServer.accumulateAndGet(open, Math::max);
            arrived.incrementAndGet();
            answersAllowed.acquireUninterruptibly();
            String id = exchange.getRequestURI().getPath().replaceAll(".*/", "");
            byte[] body =
                ("{\"code\":200,\"data\":{\"task_id\":\"" + id + "\",\"status\":\"IN_PROGRESS\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            openAtServer.decrementAndGet();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          }
        });
    slowApi.start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    answersAllowed.release(1000);
    slowApi.stop(0);
    serverThreads.shutdownNow();
    serverThreads.awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void aSlowApiNeitherHoldsTheCallerNorGetsMoreThanMaxInFlightCalls() throws Exception {
    PixverseClient client =
        new PixverseClient(
            PixverseClientConfig.of(
                    "http://127.0.0.1:" + slowApi.getAddress().getPort() + "/api/v1",
                    "aio_test_key")
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30))
                .withMaxInFlight(MAX_IN_FLIGHT));
    List<CompletableFuture<TaskStatus>> calls = new ArrayList<>();

    // The calls go out from one thread, as from a job worker's single execution thread. While no
    // answer comes, a blocking limit would park it at the third call and this thread would never
    // end.
    Thread caller =
        new Thread(
            () -> {
              for (int i = 0; i < CALLS; i++) {
                calls.add(client.statusAsync("task" + i));
              }
            });
    caller.start();
    caller.join(Duration.ofSeconds(20).toMillis());

    assertThat(caller.isAlive()).as("the caller thread is still held by a call").isFalse();
    assertThat(calls).hasSize(CALLS).noneMatch(CompletableFuture::isDone);
    await().atMost(Duration.ofSeconds(20)).until(() -> arrived.get() == MAX_IN_FLIGHT);
    assertThat(client.openCalls()).isEqualTo(MAX_IN_FLIGHT);
    assertThat(client.queuedCalls()).isEqualTo(CALLS - MAX_IN_FLIGHT);

    answersAllowed.release(CALLS);
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

    assertThat(arrived.get()).isEqualTo(CALLS);
    assertThat(mostOpenAtServer.get()).isEqualTo(MAX_IN_FLIGHT);
    for (int i = 0; i < CALLS; i++) {
      assertThat(calls.get(i).get().taskId()).isEqualTo("task" + i);
    }
    // A caller hears its answer before the slot passes on, so the last slot frees just after.
    await().atMost(Duration.ofSeconds(5)).until(() -> client.openCalls() == 0);
    assertThat(client.queuedCalls()).isZero();
  }
}
