package io.github.pixversecamunda.simulator;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator from the command line until stopped: {@code --port 8089 --api-key
 * aio_simulator_key --generation-time 5 --credits 1000 --shape flat}.
 */
public final class SimulatorMain {

  private SimulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    PixverseSimulator simulator = new PixverseSimulator();
    int port = 8089;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      String value = i + 1 < args.length ? args[i + 1] : null;
      if (value == null || option.equals("--help")) {
        usage(option.equals("--help") ? null : "missing value for " + option);
        return;
      }
      i++;
      switch (option) {
        case "--port" -> port = Integer.parseInt(value);
        case "--api-key" -> simulator.apiKey(value);
        case "--generation-time" ->
            simulator.generationTime(
                value.startsWith("P")
                    ? Duration.parse(value)
                    : Duration.ofMillis((long) (Double.parseDouble(value) * 1000)));
        case "--credits" -> simulator.creditBalance(Long.parseLong(value));
        case "--max-running" ->
            simulator.accountLimit(
                Integer.parseInt(value),
                PixverseSimulator.LimitRefusal.TOO_MANY_REQUESTS_RETRY_AFTER,
                Duration.ofSeconds(5));
        case "--shape" ->
            simulator.statusShape(PixverseSimulator.StatusShape.valueOf(value.toUpperCase()));
        default -> {
          usage("unknown option " + option);
          return;
        }
      }
    }
    simulator.start(port);
    System.out.println(
        "PixVerse simulator listening: base URL "
            + simulator.baseUrl()
            + " (API key: "
            + simulator.apiKey()
            + "). Ctrl+C stops it.");
    Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
    new CountDownLatch(1).await();
  }

  private static void usage(String problem) {
    if (problem != null) {
      System.err.println(problem);
    }
    System.err.println(
        "options: --port N (default 8089) --api-key KEY --generation-time SECONDS|ISO-8601"
            + " --credits N --shape envelope|flat --max-running N (429 with Retry-After: 5 beyond)");
    if (problem != null) {
      System.exit(2);
    }
  }
}
