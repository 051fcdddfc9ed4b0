package io.github.pixversecamunda.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.pixversecamunda.testing.EngineHarness;
import io.github.pixversecamunda.worker.AwaitResult;
import io.github.pixversecamunda.worker.Results;
import io.github.pixversecamunda.worker.SubmitResult;
import io.github.pixversecamunda.worker.Variables;
import java.io.Console;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Shows where the generation stands: BPMN step, API status, elapsed time, status checks and
 * estimated credits. A live, rewritten line on a terminal; a plain line per change otherwise.
 */
final class Progress {

  private final EngineHarness engine;
  private final PrintStream err;
  private final long started;
  private final Map<String, String> names;
  private final boolean terminal;
  private String lastPlain = "";
  private int lastWidth;

  Progress(
      EngineHarness engine,
      PrintStream err,
      long started,
      Map<String, String> names,
      boolean live) {
    this.engine = engine;
    this.err = err;
    this.started = started;
    this.names = names;
    this.terminal = live && isTerminal();
  }

  void show() {
    String step = engine.latestActivatedStep();
    AwaitResult status =
        Results.fromVariable(
            engine.latestVariable(Variables.DEFAULT_AWAIT_RESULT), AwaitResult.class);
    String apiStatus =
        status == null
            ? "-"
            : status.status() != null
                ? status.status()
                : status.state() != null ? status.state() : "-";
    int checks = status == null ? 0 : status.checks();
    Set<String> tasks = new HashSet<>();
    int credits = 0;
    for (JsonNode value : engine.allValues(Variables.DEFAULT_SUBMIT_RESULT)) {
      SubmitResult submit = Results.fromVariable(value, SubmitResult.class);
      if (submit != null && submit.taskId() != null && tasks.add(submit.taskId())) {
        credits += submit.estimatedCredits() == null ? 0 : submit.estimatedCredits();
      }
    }
    String stepName = step == null ? "starting" : names.getOrDefault(step, step);
    String state =
        String.format(
            "step: %s | API: %s | checks: %d | credits (est.): %d%s",
            stepName,
            apiStatus,
            checks,
            credits,
            tasks.size() > 1 ? " for " + tasks.size() + " videos" : "");
    double elapsed = (System.nanoTime() - started) / 1e9;
    if (terminal) {
      String line = String.format("[%5.1fs] %s", elapsed, state);
      err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
      err.flush();
      lastWidth = line.length();
    } else if (!state.equals(lastPlain)) {
      err.printf("[%5.1fs] %s%n", elapsed, state);
      lastPlain = state;
    }
  }

  void finish() {
    show();
    if (terminal) {
      err.println();
    }
  }

  /** JDK 22+ always has a Console; only isTerminal() tells whether it is one. */
  private static boolean isTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
