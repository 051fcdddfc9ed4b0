package io.github.pixversecamunda.benchmark;

import io.github.pixversecamunda.testing.WorkerProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A worker application in its own JVM ({@link ChildMain}), so that its CPU time and threads are its
 * own. Output other than the protocol goes to a log file; the connectors runtime's jars are left
 * off the class path of the other variants so that its auto-configuration cannot run there.
 */
final class WorkerJvm implements AutoCloseable {

  record Stats(long cpuNanos, int liveThreads, int peakThreads) {}

  private final Process process;
  private final PrintWriter commands;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

  private WorkerJvm(Process process) {
    this.process = process;
    this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
  }

  static WorkerJvm start(
      Class<?> application, Map<String, String> environment, boolean withConnectors, Path log)
      throws IOException {
    WorkerProcess.Builder child =
        WorkerProcess.main(ChildMain.class, application.getName()).environment(environment);
    if (!withConnectors) {
      child.classPathWithout(entry -> entry.replace('\\', '/').contains("/io/camunda/connector/"));
    }
    Files.createDirectories(log.getParent());
    WorkerJvm jvm = new WorkerJvm(child.startPiped());
    Thread drain = new Thread(() -> jvm.drain(log), "drain-" + application.getSimpleName());
    drain.setDaemon(true);
    drain.start();
    return jvm;
  }

  private void drain(Path log) {
    try (BufferedReader out =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter file = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.equals("READY") || line.equals("OK") || line.startsWith("STATS ")) {
          answers.add(line);
        } else {
          file.println(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits for the application to have started; fails with the log's place when it exits instead.
   */
  void awaitReady(Path log) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      String line = answers.poll(500, TimeUnit.MILLISECONDS);
      if ("READY".equals(line)) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the worker JVM exited with "
                + process.exitValue()
                + " before it was ready;"
                + " see "
                + log);
      }
    }
    throw new IllegalStateException(
        "the worker JVM did not get ready within 3 minutes; see " + log);
  }

  void resetPeakThreads() throws InterruptedException {
    commands.println("reset");
    expect("OK");
  }

  Stats stats() throws InterruptedException {
    commands.println("stats");
    String[] parts = expect("STATS ").split(" ");
    return new Stats(
        Long.parseLong(parts[1]), Integer.parseInt(parts[2]), Integer.parseInt(parts[3]));
  }

  private String expect(String prefix) throws InterruptedException {
    String line = answers.poll(30, TimeUnit.SECONDS);
    if (line == null || !line.startsWith(prefix)) {
      throw new IllegalStateException("the worker JVM answered " + line + " instead of " + prefix);
    }
    return line;
  }

  @Override
  public void close() throws InterruptedException {
    commands.println("exit");
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
