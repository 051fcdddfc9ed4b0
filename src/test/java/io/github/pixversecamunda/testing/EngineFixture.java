package io.github.pixversecamunda.testing;

import io.camunda.client.api.worker.JobWorker;
import io.github.pixversecamunda.api.PixverseClient;
import io.github.pixversecamunda.download.VideoDownloader;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import io.github.pixversecamunda.worker.PixverseWorkers;
import io.github.pixversecamunda.worker.PollSchedule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * What one engine test works with: the class's engine, and its own simulator, client, downloader,
 * storage folder and workers, each made when first asked for and all closed after the test by
 * {@link PixverseEngineExtension}.
 */
public final class EngineFixture implements AutoCloseable {

  private final EngineHarness engine;
  private final UnaryOperator<PixverseSimulator> simulatorSettings;
  private final PollSchedule schedule;
  private final Path storage;
  // Closed newest first: workers before the client and simulator they talk to.
  private final Deque<AutoCloseable> opened = new ArrayDeque<>();
  private PixverseSimulator simulator;
  private PixverseClient api;
  private VideoDownloader downloader;

  EngineFixture(
      EngineHarness engine,
      UnaryOperator<PixverseSimulator> simulatorSettings,
      PollSchedule schedule) {
    this.engine = engine;
    this.simulatorSettings = simulatorSettings;
    this.schedule = schedule;
    try {
      this.storage = Files.createTempDirectory("pixverse-storage");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public EngineHarness engine() {
    return engine;
  }

  /** The folder the fixture's downloader keeps videos in, empty at the start of each test. */
  public Path storage() {
    return storage;
  }

  /** The test's simulator, started with the class's settings when first asked for. */
  public PixverseSimulator simulator() {
    if (simulator == null) {
      startSimulator(simulatorSettings);
    }
    return simulator;
  }

  /**
   * Starts the test's simulator with these settings instead of the class's (before {@link
   * #simulator()}, {@link #api()} or {@link #openWorkers()} is first called).
   */
  public PixverseSimulator startSimulator(UnaryOperator<PixverseSimulator> settings) {
    if (simulator != null) {
      throw new IllegalStateException("the test's simulator has already started");
    }
    simulator = remember(settings.apply(new PixverseSimulator()).start());
    return simulator;
  }

  /** A client of the simulator with the simulator's own key and short timeouts. */
  public PixverseClient api() {
    if (api == null) {
      api = Offline.client(simulator());
    }
    return api;
  }

  /** A downloader into {@link #storage()} that may reach the simulator's loopback address. */
  public VideoDownloader downloader() {
    if (downloader == null) {
      downloader = remember(Offline.downloader(storage));
    }
    return downloader;
  }

  /** Opens the three workers on {@link #api()} and {@link #downloader()}. */
  public List<JobWorker> openWorkers() {
    return openWorkers(api(), downloader());
  }

  /**
   * Opens the three workers on this client and downloader (the test's own, for a wrong key or a
   * stricter download policy); the fixture closes the downloader after the test.
   */
  public List<JobWorker> openWorkers(PixverseClient client, VideoDownloader videoDownloader) {
    if (videoDownloader != downloader) {
      remember(videoDownloader);
    }
    List<JobWorker> workers =
        PixverseWorkers.open(engine.client(), client, schedule, videoDownloader);
    workers.forEach(this::remember);
    return workers;
  }

  /** Closes this (a worker the test opened itself, say) after the test, with the rest. */
  public <T extends AutoCloseable> T closeAfterTest(T resource) {
    return remember(resource);
  }

  private <T extends AutoCloseable> T remember(T resource) {
    opened.push(resource);
    return resource;
  }

  @Override
  public void close() {
    List<Exception> failures = new ArrayList<>();
    while (!opened.isEmpty()) {
      try {
        opened.pop().close();
      } catch (Exception e) {
        failures.add(e);
      }
    }
    try (Stream<Path> files = Files.walk(storage)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      failures.add(e);
    }
    if (!failures.isEmpty()) {
      IllegalStateException failure = new IllegalStateException("tearing down the engine test");
      failures.forEach(failure::addSuppressed);
      throw failure;
    }
  }
}
