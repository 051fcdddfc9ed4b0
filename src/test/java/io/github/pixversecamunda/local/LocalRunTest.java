package io.github.pixversecamunda.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command: its exit codes, its --json answer and its option checks. */
class LocalRunTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @TempDir Path downloads;

  private int run(String... args) {
    String[] all =
        java.util.stream.Stream.concat(
                java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--downloads", downloads.toString()))
            .toArray(String[]::new);
    return LocalRun.execute(
        all,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of(),
        false);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void pickupKeepsTheVideoOfAPaidTaskWithoutSubmitting() {
    try (io.github.pixversecamunda.simulator.PixverseSimulator api =
        new io.github.pixversecamunda.simulator.PixverseSimulator().completeOnPoll(1).start()) {
      String taskId =
          io.github.pixversecamunda.testing.Offline.client(api)
              .submit(io.github.pixversecamunda.api.GenerationRequest.builder().prompt("p").build())
              .taskId();
      int code =
          LocalRun.execute(
              new String[] {
                "--pickup",
                taskId,
                "--object-key",
                "picked/{taskId}.mp4",
                "--downloads",
                downloads.toString()
              },
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8),
              Map.of("PIXVERSE_API_KEY", api.apiKey(), "PIXVERSE_BASE_URL", api.baseUrl()),
              false);

      assertThat(code).as(err()).isEqualTo(LocalRun.OK);
      assertThat(out()).contains("pixverse-pickup ended at 'Video ready'");
      assertThat(downloads.resolve("picked").resolve(taskId + ".mp4")).exists();
      assertThat(api.tasksCreated()).isEqualTo(1); // the one before the run: nothing submitted
    }
  }

  @Test
  void bareCommandGeneratesAVideoAndExitsZero() {
    assertThat(run()).isEqualTo(LocalRun.OK);

    assertThat(out())
        .contains("ended at 'Video ready'")
        .containsPattern("Video: http://127\\.0\\.0\\.1:\\d+/files/\\S+\\.mp4")
        .contains("File:  " + downloads.toAbsolutePath())
        .contains("sha256 ");
    assertThat(err())
        .contains("offline simulator")
        // The progress is sampled, so which steps show depends on the machine's speed; the line
        // printed at the end always names the last step.
        .containsPattern(
            "\\[ *\\d+\\.\\ds] step: Video ready \\| API: \\S+ \\| checks: \\d+ \\| credits \\(est\\.\\): 90");
  }

  @Test
  void jsonPrintsOnlyTheFinalVariablesOnStandardOutput() throws Exception {
    assertThat(
            run(
                "--prompt",
                "A red fox running through snow",
                "--resolution",
                "540p",
                "--duration",
                "8",
                "--json"))
        .isEqualTo(LocalRun.OK);

    JsonNode variables = new ObjectMapper().readTree(out());
    assertThat(out().strip().lines()).hasSize(1);
    assertThat(variables.path("pixverseStatus").path("state").asText()).isEqualTo("COMPLETED");
    assertThat(variables.path("pixverseStatus").path("videoUrl").asText()).endsWith(".mp4");
    assertThat(variables.path("pixverse").path("estimatedCredits").asInt()).isEqualTo(140);
    assertThat(variables.path("prompt").asText()).isEqualTo("A red fox running through snow");
    assertThat(Path.of(variables.path("pixverseFile").path("path").asText())).exists();
    assertThat(err()).contains("ended at 'Video ready'");
  }

  @Test
  void failurePathNamesTheEndEventAndExitsOne() throws Exception {
    assertThat(run("--prompt", "A dragon [fail]", "--json")).isEqualTo(LocalRun.FAILED);

    assertThat(err())
        .contains("ended at 'Generation failed'")
        .contains("Why: PixVerse generation failed for task");
    assertThat(new ObjectMapper().readTree(out()).path("pixverseError").path("code").asText())
        .isEqualTo("PIXVERSE_GENERATION_FAILED");
  }

  @Test
  void badOptionsAreReportedWithTheAllowedValuesBeforeAnythingStarts() {
    assertThat(
            run(
                "--resolution",
                "4k",
                "--thinking",
                "deep",
                "--deadline",
                "soon",
                "--image-url",
                "castle.png"))
        .isEqualTo(LocalRun.BAD_OPTIONS);

    assertThat(err())
        .contains("nothing was started")
        .contains("--resolution: '4k' is not allowed; allowed values: 360p, 540p, 720p, 1080p")
        .contains("--thinking: 'deep' is not allowed; allowed values: enabled, disabled, auto")
        .contains(
            "--deadline: \"soon\" is not allowed; allowed values: a positive ISO-8601 duration of"
                + " at most P7D")
        .contains("--image-url: 'castle.png' is not an absolute http:// or https:// URL")
        .doesNotContain("offline simulator");
    // One line per bad option: the local run checks with the workers' rules, not rules of its own.
    assertThat(err().lines().filter(line -> line.contains("--deadline:"))).hasSize(1);
    assertThat(out()).isEmpty();
  }

  @Test
  void unknownOptionIsABadOption() {
    assertThat(run("--colour", "blue")).isEqualTo(LocalRun.BAD_OPTIONS);
    assertThat(err()).contains("Unknown option").contains("--help");
  }

  @Test
  void promptsRunTheBatchProcess() {
    assertThat(run("--prompts", "one", "two", "three", "--max-concurrent", "2"))
        .isEqualTo(LocalRun.OK);

    assertThat(out())
        .contains("ended at 'Batch done'")
        .contains("  one -> " + downloads.toAbsolutePath())
        .contains("  three -> " + downloads.toAbsolutePath());
  }
}
