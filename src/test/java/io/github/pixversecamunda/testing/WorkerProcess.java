package io.github.pixversecamunda.testing;

import io.github.pixversecamunda.app.PixverseWorkerApplication;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A child JVM on this test's class path: the worker application as a real operating-system process,
 * configured through environment variables the way an operator configures it, or another main class
 * a test runs apart (to bound its heap, or to measure its CPU time alone). Crash and shutdown
 * promises are tested on it: {@link #kill()} is SIGKILL, {@link #terminate()} is SIGTERM.
 *
 * <pre>{@code
 * WorkerProcess worker =
 *     WorkerProcess.application()
 *         .connectedTo(engine, simulator)
 *         .env("PIXVERSE_DRAINTIMEOUT", "2s")
 *         .log(temp.resolve("worker.log"))
 *         .start();
 * worker.awaitStarted(Duration.ofSeconds(60));
 * }</pre>
 */
public final class WorkerProcess implements AutoCloseable {

  private final Process process;
  private final Path log;

  private WorkerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** The worker application with a 256 MiB heap, compiled by C1 only for a quick start. */
  public static Builder application() {
    return new Builder(PixverseWorkerApplication.class)
        .jvmOptions("-Xmx256m", "-XX:TieredStopAtLevel=1");
  }

  /** This main class with these arguments, and no JVM options unless given. */
  public static Builder main(Class<?> mainClass, String... arguments) {
    return new Builder(mainClass, arguments);
  }

  /** What a child JVM runs and how it is configured, before it starts. */
  public static final class Builder {

    private final Class<?> mainClass;
    private final List<String> arguments;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private List<String> jvmOptions = List.of();
    private Predicate<String> classPathEntry = entry -> true;
    private Path log;

    private Builder(Class<?> mainClass, String... arguments) {
      this.mainClass = mainClass;
      this.arguments = List.of(arguments);
    }

    /** The JVM's options, instead of those so far. */
    public Builder jvmOptions(String... options) {
      this.jvmOptions = List.of(options);
      return this;
    }

    /** Leaves the test class path's entries that match this off the child's class path. */
    public Builder classPathWithout(Predicate<String> entry) {
      this.classPathEntry = classPathEntry.and(entry.negate());
      return this;
    }

    /**
     * An environment variable. The child inherits this JVM's environment but no {@code CAMUNDA_*}
     * or {@code PIXVERSE_*} variable, so that only the test's own settings reach the application.
     */
    public Builder env(String name, String value) {
      environment.put(name, value);
      return this;
    }

    public Builder environment(Map<String, String> variables) {
      environment.putAll(variables);
      return this;
    }

    /**
     * The application as a self-managed cluster's worker of the in-memory engine (gRPC only), on
     * the simulator with its key, allowed to download from the simulator's loopback address, and
     * polling every one to two seconds.
     */
    public Builder connectedTo(EngineHarness engine, PixverseSimulator simulator) {
      return env("CAMUNDA_CLIENT_MODE", "self-managed")
          .env("CAMUNDA_CLIENT_AUTH_METHOD", "none")
          .env("CAMUNDA_CLIENT_GRPCADDRESS", engine.grpcAddress())
          // The in-memory engine speaks gRPC only.
          .env("CAMUNDA_CLIENT_RESTADDRESS", "http://127.0.0.1:1")
          .env("CAMUNDA_CLIENT_PREFERRESTOVERGRPC", "false")
          .env("PIXVERSE_API_KEY", simulator.apiKey())
          .env("PIXVERSE_BASE_URL", simulator.baseUrl())
          .env("PIXVERSE_DOWNLOAD_ALLOWLOOPBACK", "true")
          .env("PIXVERSE_POLL_FLOOR", "1s")
          .env("PIXVERSE_POLL_CEILING", "2s");
    }

    /** Keeps the videos in this folder. */
    public Builder downloadsInto(Path directory) {
      return env("PIXVERSE_DOWNLOAD_DIRECTORY", directory.toString());
    }

    /** No fixed ports, so that replicas can run on one machine. */
    public Builder anyFreePorts() {
      return env("SERVER_PORT", "0").env("MANAGEMENT_SERVER_PORT", "0");
    }

    /** The file the child's standard output and error are appended to, for {@link #start()}. */
    public Builder log(Path file) {
      this.log = file;
      return this;
    }

    /** Starts the child; its output goes to the {@link #log(Path)} file. */
    public WorkerProcess start() {
      if (log == null) {
        throw new IllegalStateException("a log file is needed: the child's output goes there");
      }
      ProcessBuilder builder =
          processBuilder()
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      try {
        return new WorkerProcess(builder.start(), log);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * Starts the child with its standard input and its output (error merged in) open to the caller,
     * for a child that speaks a protocol on them.
     */
    public Process startPiped() throws IOException {
      return processBuilder().redirectErrorStream(true).start();
    }

    /** Runs the child to its end (at most {@code timeout}), collecting its output. */
    public Finished run(Duration timeout) throws IOException, InterruptedException {
      Process process = startPiped();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        process.destroyForcibly();
      }
      return new Finished(finished, finished ? process.exitValue() : -1, output);
    }

    private ProcessBuilder processBuilder() {
      String classPath =
          Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
              .filter(classPathEntry)
              .collect(Collectors.joining(File.pathSeparator));
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.addAll(List.of("-cp", classPath, mainClass.getName()));
      command.addAll(arguments);
      ProcessBuilder builder = new ProcessBuilder(command);
      builder
          .environment()
          .keySet()
          .removeIf(name -> name.startsWith("CAMUNDA_") || name.startsWith("PIXVERSE_"));
      builder.environment().putAll(environment);
      return builder;
    }
  }

  /** A child that ran to its end, or not within its time ({@code finished} false, exit code -1). */
  public record Finished(boolean finished, int exitCode, String output) {}

  /**
   * Waits until the application says it has started; fails at once, with its log, when it exits
   * first.
   */
  public void awaitStarted(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!log().contains("Started ")) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "the worker process exited with "
                + process.exitValue()
                + " before it started; log:\n"
                + log());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the worker process did not start within " + timeout + "; log:\n" + log());
      }
      sleep(Duration.ofMillis(100));
    }
  }

  /** SIGKILL: the process gets no chance to finish anything. */
  public void kill() {
    process.destroyForcibly();
    waitForExit(Duration.ofSeconds(30));
  }

  /** SIGTERM: what a rolling deploy sends; the application drains and exits by itself. */
  public void terminate() {
    process.destroy();
  }

  /** Waits for the process to end; its exit code, or throws when it is still running. */
  public int waitForExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(
            "the worker process is still running after " + timeout + "; log:\n" + log());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
