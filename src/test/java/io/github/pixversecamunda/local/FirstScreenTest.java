package io.github.pixversecamunda.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code mvn -q -Prun} shows no JVM warning before its own first line: a child JVM started with the
 * JVM options of the pom's local run touches the engine's agrona library the way the engine does
 * ({@code sun.misc.Unsafe}), and writes nothing to standard error. Without those options the same
 * child prints the warnings on JDK 24 and newer, so the test would see a lost option.
 */
@Tag("slow")
class FirstScreenTest {

  /** What the engine does first with agrona: a buffer over a byte array, through Unsafe. */
  public static final class Probe {
    public static void main(String[] args) {
      UnsafeBuffer buffer = new UnsafeBuffer(new byte[16]);
      buffer.putInt(0, 42);
      System.out.println(buffer.getInt(0));
    }
  }

  /** The JVM options (before -classpath) of the local run's command line in the pom. */
  static List<String> localRunJvmOptions() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
    Matcher matcher =
        Pattern.compile("<commandlineArgs>([^<]*LocalRun[^<]*)</commandlineArgs>").matcher(pom);
    assertThat(matcher.find()).as("the local run's command line in pom.xml").isTrue();
    List<String> options = new ArrayList<>();
    for (String token : matcher.group(1).trim().split("\\s+")) {
      if (token.equals("-classpath")) {
        break;
      }
      options.add(token);
    }
    return options;
  }

  private static String standardError(List<String> options) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options);
    command.addAll(
        Arrays.asList("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
    Process process = new ProcessBuilder(command).start();
    byte[] out = process.getInputStream().readAllBytes();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(err).isZero();
    assertThat(new String(out, StandardCharsets.UTF_8).trim()).isEqualTo("42");
    return err;
  }

  @Test
  void theLocalRunsJvmOptionsKeepAgronasUnsafeWarningsOffTheScreen() throws Exception {
    List<String> options = localRunJvmOptions();
    assertThat(options).contains("-Dsun.misc.unsafe.memory.access=allow");

    assertThat(standardError(options)).isEmpty();
  }

  @Test
  void withoutThemTheSameChildPrintsTheWarningsOnJdk24AndNewer() throws Exception {
    Assumptions.assumeTrue(
        Runtime.version().feature() >= 24, "JDKs before 24 print no sun.misc.Unsafe warning");

    assertThat(standardError(List.of())).contains("WARNING: sun.misc.Unsafe::");
  }
}
