package io.github.pixversecamunda.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The last step of {@code mvn -Prun}: the local run is a forked JVM (it needs JDK 21+ while Maven
 * may run on 17), and Maven turns every non-zero exit of a forked program into 1. The run writes
 * its exit code to a file; this step, inside Maven's own JVM, exits Maven with that code. Compiled
 * for Java 17 and free of engine classes, so it runs on whatever Java Maven runs on.
 */
public final class ExitCodeFile {

  /** The system property through which the build tells the run where to write its exit code. */
  public static final String PROPERTY = "pixverse.local-run.exit-code-file";

  private ExitCodeFile() {}

  /** Called by the run just before it stops; does nothing when the build did not ask for it. */
  static void write(int code) {
    String file = System.getProperty(PROPERTY);
    if (file == null || file.isBlank()) {
      return;
    }
    try {
      Files.writeString(Path.of(file), Integer.toString(code), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      System.err.println("Could not write the exit code to " + file + ": " + e.getMessage());
    }
  }

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    int code =
        Files.exists(file)
            ? Integer.parseInt(Files.readString(file, StandardCharsets.US_ASCII).trim())
            : 1;
    Files.deleteIfExists(file);
    // halt, not exit: Maven's console hook would append a colour reset to standard output on exit,
    // after a --json answer.
    Runtime.getRuntime().halt(code);
  }
}
