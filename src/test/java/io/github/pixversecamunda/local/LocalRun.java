package io.github.pixversecamunda.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pixversecamunda.api.GenerationField;
import io.github.pixversecamunda.api.GenerationInput;
import io.github.pixversecamunda.api.InvalidInputException;
import io.github.pixversecamunda.api.Violation;
import io.github.pixversecamunda.api.WireFormat;
import io.github.pixversecamunda.app.PixverseWorkerApplication;
import io.github.pixversecamunda.download.StoredVideo;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import io.github.pixversecamunda.testing.EngineHarness;
import io.github.pixversecamunda.worker.AwaitResult;
import io.github.pixversecamunda.worker.Results;
import io.github.pixversecamunda.worker.SubmitInput;
import io.github.pixversecamunda.worker.Variables;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The README's first command: generates a video through a ready-made BPMN process on Zeebe Process
 * Test's in-memory engine, with the worker application and (unless PIXVERSE_API_KEY is set) the
 * offline simulator. Exit codes: 0 video(s) ready, 1 the process ended on a failure path or needs
 * an operator, 2 bad options.
 */
@Command(
    name = "mvn -q -Prun -Dargs=\"...\"",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description =
        "Generate a video with PixVerse 5.6 through a BPMN process on an embedded Camunda engine.")
public final class LocalRun implements Callable<Integer> {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int BAD_OPTIONS = 2;
  static final String DEFAULT_PROMPT = "A dragon flying over a medieval castle, fantasy style";

  /** The generation options, one per field of the table, added in {@link #execute}. */
  private CommandSpec spec;

  @Option(
      names = "--max-credits",
      description = "Budget: refuse to submit when the estimate is higher.")
  String maxCredits;

  @Option(
      names = "--deadline",
      description = "ISO-8601 duration the process waits at most (default ${DEFAULT-VALUE}).")
  String deadline = "PT20M";

  @Option(
      names = "--prompts",
      arity = "1..*",
      description = "Several prompts: runs the batch process.")
  List<String> prompts;

  @Option(
      names = "--pickup",
      paramLabel = "TASK_ID",
      description =
          "Keep the video of a task that was already submitted (and paid), without submitting"
              + " anything: runs the pickup process.")
  String pickup;

  @Option(
      names = "--object-key",
      description =
          "Key the video is kept under, e.g. campaigns/{taskId}.mp4 (default {taskId}.mp4).")
  String objectKey;

  @Option(
      names = "--max-concurrent",
      description = "Batch: videos generated at once (default ${DEFAULT-VALUE}).")
  int maxConcurrent = 3;

  @Option(
      names = "--downloads",
      description = "Directory the finished videos are kept in (default ${DEFAULT-VALUE}).")
  Path downloads = Path.of("downloads");

  @Option(
      names = "--json",
      description = "Print the final process variables as one JSON object on standard output.")
  boolean json;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help.")
  boolean help;

  private final PrintStream out;
  private final PrintStream err;

  /**
   * Whether progress may rewrite a line on a terminal (only when writing to the real standard
   * error).
   */
  private boolean live;

  private final Map<String, String> env;
  private final ObjectMapper mapper = new ObjectMapper();

  LocalRun(PrintStream out, PrintStream err, Map<String, String> env) {
    this.out = out;
    this.err = err;
    this.env = env;
  }

  public static void main(String[] args) {
    // Straight to the file descriptors: under Maven, System.out is wrapped by its ANSI console,
    // which adds colour escapes that would corrupt the JSON answer.
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    int code = execute(args, out, err, System.getenv(), true);
    out.flush();
    err.flush();
    ExitCodeFile.write(code);
    // Everything is closed by now. halt, not exit: Maven's console hook would append a colour
    // reset to standard output on exit, after the JSON answer.
    Runtime.getRuntime().halt(code);
  }

  static int execute(
      String[] args, PrintStream out, PrintStream err, Map<String, String> env, boolean live) {
    LocalRun run = new LocalRun(out, err, env);
    run.live = live;
    CommandLine command = new CommandLine(run);
    run.spec = command.getCommandSpec();
    for (GenerationField field : GenerationField.values()) {
      run.spec.addOption(generationOption(field));
    }
    command.setOut(new PrintWriter(err, true));
    command.setErr(new PrintWriter(err, true));
    command.setParameterExceptionHandler(
        (e, a) -> {
          err.println(e.getMessage());
          err.println("Run with --help for the options.");
          return BAD_OPTIONS;
        });
    return command.execute(args);
  }

  /** The option of a generation field: named after its variable, described by the field table. */
  static String optionName(GenerationField field) {
    return switch (field) {
      // The short forms the README has always shown.
      case GENERATE_AUDIO -> "--audio";
      case THINKING_TYPE -> "--thinking";
      default ->
          "--" + field.variable().replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static OptionSpec generationOption(GenerationField field) {
    OptionSpec.Builder option = OptionSpec.builder(optionName(field));
    if (field == GenerationField.GENERATE_AUDIO) {
      return option
          .type(boolean.class)
          .arity("0")
          .description("Generate audio (changes the credits).")
          .build();
    }
    String help =
        field.allowed()
            + (field.defaultValue() == null ? "" : " (API default " + field.defaultValue() + ")")
            + (field.affectsCredits() ? "; changes the credits" : "")
            + ".";
    if (field == GenerationField.PROMPT) {
      option.defaultValue(DEFAULT_PROMPT);
      help = "What the video shows: " + help + " Default: " + DEFAULT_PROMPT;
    }
    return option
        .type(String.class)
        .paramLabel(field.choices().isEmpty() ? "VALUE" : "CHOICE")
        .description(help)
        .build();
  }

  /** The value given for a generation field, or null. */
  private Object generation(GenerationField field) {
    return spec.findOption(optionName(field)).getValue();
  }

  private String process() {
    if (pickup != null) {
      return "pixverse-pickup";
    }
    if (prompts != null && !prompts.isEmpty()) {
      return "pixverse-batch";
    }
    return generation(GenerationField.IMAGE_URL) != null
        ? "pixverse-image-to-video"
        : "pixverse-text-to-video";
  }

  /** The start variables, checked with the same rules as the workers before anything starts. */
  private Map<String, Object> startVariables() {
    Map<String, Object> variables = new HashMap<>();
    putIfSet(variables, Variables.OBJECT_KEY, objectKey);
    if (pickup != null) {
      variables.put(Variables.TASK_ID, pickup);
      variables.put(Variables.DEADLINE, deadline);
      if (pickup.isBlank()) {
        throw new InvalidInputException(List.of(new Violation("pickup", "needs a task id")));
      }
      return variables;
    }
    for (GenerationField field : GenerationField.values()) {
      // The prompt and the image belong to each video; the rest apply to every video of a run.
      if (field != GenerationField.PROMPT
          && field != GenerationField.IMAGE_URL
          && generation(field) != null) {
        variables.put(field.variable(), generation(field));
      }
    }
    putIfSet(variables, Variables.MAX_CREDITS, maxCredits);
    // Checked with the other inputs by SubmitInput, with the workers' own rule.
    variables.put(Variables.DEADLINE, deadline);
    List<Violation> problems = new ArrayList<>();
    if (prompts != null && !prompts.isEmpty()) {
      if (maxConcurrent < 1) {
        problems.add(new Violation("maxConcurrent", "must be 1 or more"));
      }
      variables.put("prompts", prompts);
      variables.put("maxConcurrent", maxConcurrent);
      for (String each : prompts) {
        problems.addAll(check(variables, each, SubmitInput.Mode.TEXT));
      }
    } else {
      String prompt = (String) generation(GenerationField.PROMPT);
      String imageUrl = (String) generation(GenerationField.IMAGE_URL);
      variables.put(GenerationInput.PROMPT, prompt);
      putIfSet(variables, GenerationInput.IMAGE_URL, imageUrl);
      problems.addAll(
          check(
              variables,
              prompt,
              imageUrl == null ? SubmitInput.Mode.TEXT : SubmitInput.Mode.IMAGE));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems.stream().distinct().toList());
    }
    return variables;
  }

  private static List<Violation> check(
      Map<String, Object> variables, String prompt, SubmitInput.Mode mode) {
    Map<String, Object> one = new HashMap<>(variables);
    one.put(GenerationInput.PROMPT, prompt);
    one.put(Variables.MODE, mode.value());
    try {
      SubmitInput.read(one);
      return List.of();
    } catch (InvalidInputException e) {
      return e.violations();
    }
  }

  private static void putIfSet(Map<String, Object> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  @Override
  public Integer call() {
    Map<String, Object> variables;
    try {
      variables = startVariables();
    } catch (InvalidInputException e) {
      err.println("Bad options, nothing was started:");
      e.violations().forEach(v -> err.println("  --" + option(v.field()) + ": " + v.message()));
      return BAD_OPTIONS;
    }
    String apiKey = env.get("PIXVERSE_API_KEY");
    boolean offline = apiKey == null || apiKey.isBlank();
    long started = System.nanoTime();
    try (EngineHarness engine = new EngineHarness();
        PixverseSimulator simulator = offline ? new PixverseSimulator().start() : null) {
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.putAll(engine.clusterProperties());
      properties.put("pixverse.deploy-processes", "true");
      properties.put("pixverse.api-key", offline ? simulator.apiKey() : apiKey);
      properties.put(
          "pixverse.base-url",
          offline
              ? simulator.baseUrl()
              : env.getOrDefault("PIXVERSE_BASE_URL", WireFormat.DEFAULT_BASE_URL));
      properties.put("pixverse.download.directory", downloads.toString());
      if (offline || onThisMachine(String.valueOf(properties.get("pixverse.base-url")))) {
        // The simulator serves its videos on loopback, which only a local set-up may allow.
        properties.put("pixverse.download.allow-loopback", "true");
        // The simulator finishes in seconds: check often so the demonstration is quick.
        properties.put("pixverse.poll.floor", "PT1S");
        properties.put("pixverse.poll.ceiling", "PT1S");
      }
      properties.put("logging.level.io.github.pixversecamunda", "WARN");
      properties.put("logging.level.io.camunda.client.impl.CamundaCallCredentials", "ERROR");
      err.println(
          offline
              ? "PixVerse API: offline simulator at "
                  + simulator.baseUrl()
                  + " (set PIXVERSE_API_KEY to use the real API; every video then costs credits)"
              : "PixVerse API: "
                  + properties.get("pixverse.base-url")
                  + " (real credits are spent)");
      try (ConfigurableApplicationContext app =
          new SpringApplicationBuilder(PixverseWorkerApplication.class)
              .web(WebApplicationType.NONE)
              .logStartupInfo(false)
              .bannerMode(org.springframework.boot.Banner.Mode.OFF)
              // As arguments, not defaults: the Camunda starter's mode defaults outrank default
              // properties.
              .run(
                  properties.entrySet().stream()
                      .map(e -> "--" + e.getKey() + "=" + e.getValue())
                      .toArray(String[]::new))) {
        long instance = engine.start(process(), variables);
        err.println("Started process " + process() + " (instance " + instance + ")");
        Progress progress = new Progress(engine, err, started, BpmnNames.load(), live);
        Duration limit = Duration.parse(deadline).plusMinutes(1);
        while (!engine.isCompleted(instance)) {
          List<String> incidents = engine.allIncidents();
          if (!incidents.isEmpty()) {
            progress.finish();
            err.println("An operator is needed: incident raised: " + incidents.get(0));
            printVariables(engine, instance);
            return FAILED;
          }
          if (Duration.ofNanos(System.nanoTime() - started).compareTo(limit) > 0) {
            progress.finish();
            err.println("Gave up waiting after " + limit + "; the process is still running.");
            return FAILED;
          }
          progress.show();
          sleep(200);
        }
        progress.finish();
        return report(engine, instance, started);
      }
    }
  }

  private int report(EngineHarness engine, long instance, long started) {
    List<String> ends = engine.endEvents(instance);
    String end = ends.isEmpty() ? "(none)" : ends.get(ends.size() - 1);
    boolean success = end.equals("end_video_ready") || end.equals("end_batch_done");
    Map<String, JsonNode> variables = engine.variables(instance);
    PrintStream summary = json ? err : out;
    summary.printf(
        "Process %s ended at '%s' after %.1f s%n",
        process(), BpmnNames.load().getOrDefault(end, end), (System.nanoTime() - started) / 1e9);
    AwaitResult status =
        Results.fromVariable(variables.get(Variables.DEFAULT_AWAIT_RESULT), AwaitResult.class);
    if (status != null && status.videoUrl() != null) {
      summary.println("Video: " + status.videoUrl());
    }
    StoredVideo file =
        Results.fromVariable(variables.get(Variables.DEFAULT_DOWNLOAD_RESULT), StoredVideo.class);
    if (file != null && (file.path() != null || file.uri() != null)) {
      summary.println(
          "File:  "
              + (file.path() != null ? file.path() : file.uri())
              + " ("
              + file.sizeBytes()
              + " bytes, sha256 "
              + file.sha256()
              + ")");
    }
    JsonNode results = variables.get("results");
    if (results != null) {
      results.forEach(
          r ->
              summary.println(
                  "  "
                      + r.path("prompt").asText()
                      + " -> "
                      + (r.hasNonNull("file")
                          ? r.get("file").asText()
                          : r.hasNonNull("videoUrl")
                              ? r.get("videoUrl").asText()
                              : "failed: "
                                  + r.path("error")
                                      .path("code")
                                      .asText(r.path("state").asText("no result")))));
    }
    JsonNode error = variables.get(Variables.ERROR);
    if (!success && error != null) {
      summary.println("Why: " + error.path("message").asText());
    }
    if (end.equals("end_deadline_passed") && error == null) {
      summary.println(
          "Why: the deadline (" + deadline + ") passed; the task may still run server-side.");
    }
    printVariables(engine, instance);
    return success ? OK : FAILED;
  }

  /** An API on this machine (a simulator the user started) serves its files here too. */
  private static boolean onThisMachine(String baseUrl) {
    String host = java.net.URI.create(baseUrl).getHost();
    return "127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host);
  }

  private void printVariables(EngineHarness engine, long instance) {
    if (json) {
      ObjectNode all = mapper.createObjectNode();
      engine.variables(instance).forEach(all::set);
      out.println(all.toString());
    }
  }

  /** The option a reported field came from, without its dashes. */
  private static String option(String field) {
    return Arrays.stream(GenerationField.values())
        .filter(f -> f.variable().equals(field))
        .findFirst()
        .map(LocalRun::optionName)
        .orElse("--" + field.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT))
        .substring(2);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
