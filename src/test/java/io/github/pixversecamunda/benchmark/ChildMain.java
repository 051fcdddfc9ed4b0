package io.github.pixversecamunda.benchmark;

import com.sun.management.OperatingSystemMXBean;
import io.github.pixversecamunda.app.PixverseWorkerApplication;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.SpringApplication;

/**
 * Entry point of a worker JVM under measurement: runs the variant's Spring application and answers
 * the benchmark over standard input/output ({@code stats} → {@code STATS <cpu ns> <live> <peak>},
 * {@code reset} clears the peak thread count). Its own figures, so nothing has to attach to it.
 */
public final class ChildMain {

  private ChildMain() {}

  public static void main(String[] args) throws Exception {
    Class<?> application = Class.forName(args[0]);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    // Each application as its users start it: the project's with its operations defaults (job
    // streaming, health and metrics on a web server), the others as plain Spring Boot applications;
    // web servers included (the benchmark puts them on free ports).
    SpringApplication spring =
        application == PixverseWorkerApplication.class
            ? PixverseWorkerApplication.application()
            : new SpringApplication(application);
    spring.run();
    System.out.println("READY");
    System.out.flush();
    BufferedReader commands =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = commands.readLine()) != null; ) {
      switch (line.trim()) {
        case "reset" -> {
          threads.resetPeakThreadCount();
          System.out.println("OK");
        }
        case "stats" ->
            System.out.println(
                "STATS "
                    + os.getProcessCpuTime()
                    + " "
                    + threads.getThreadCount()
                    + " "
                    + threads.getPeakThreadCount());
        case "exit" -> System.exit(0);
        default -> System.out.println("UNKNOWN " + line);
      }
      System.out.flush();
    }
    System.exit(0);
  }
}
