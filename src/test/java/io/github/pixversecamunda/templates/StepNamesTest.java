package io.github.pixversecamunda.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pixversecamunda.testing.ProcessIds;
import io.github.pixversecamunda.worker.JobTypes;
import io.github.pixversecamunda.worker.WorkerEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Each step has one name from the job type to the metrics (the table in CONTRIBUTING.md): the BPMN
 * tasks and the templates that run a job type carry the step's name, and the handler, the Spring
 * worker and the metrics phase are named after it. A step renamed in one place fails here.
 */
class StepNamesTest {

  private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  private static final String ZEEBE = "http://camunda.org/schema/zeebe/1.0";

  /** A step: what the designer reads, the job type and the element id of the shipped processes. */
  record Step(String name, String jobType, String elementId, String resultType) {

    /** "Await task" → "AwaitTask", the stem of the handler and Spring worker class names. */
    String stem() {
      StringBuilder stem = new StringBuilder();
      for (String word : name.split(" ")) {
        stem.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
      return stem.toString();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static List<Step> steps() {
    return List.of(
        new Step(
            "Submit video",
            JobTypes.SUBMIT_VIDEO,
            ProcessIds.SUBMIT_VIDEO,
            "io.github.pixversecamunda.worker.SubmitResult"),
        new Step(
            "Await task",
            JobTypes.AWAIT_TASK,
            ProcessIds.AWAIT_TASK,
            "io.github.pixversecamunda.worker.AwaitResult"),
        new Step(
            "Download video",
            JobTypes.DOWNLOAD_VIDEO,
            ProcessIds.DOWNLOAD_VIDEO,
            "io.github.pixversecamunda.download.StoredVideo"));
  }

  @ParameterizedTest
  @MethodSource("steps")
  void everyShippedTaskOfTheJobTypeCarriesTheStepsNameAndId(Step step) throws Exception {
    List<String> tasks = new ArrayList<>();
    for (Path file : files(Path.of("bpmn"), ".bpmn")) {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      NodeList serviceTasks =
          factory
              .newDocumentBuilder()
              .parse(file.toFile())
              .getElementsByTagNameNS(BPMN, "serviceTask");
      for (int i = 0; i < serviceTasks.getLength(); i++) {
        Element task = (Element) serviceTasks.item(i);
        NodeList definitions = task.getElementsByTagNameNS(ZEEBE, "taskDefinition");
        String type =
            definitions.getLength() == 0
                ? ""
                : ((Element) definitions.item(0)).getAttribute("type");
        if (type.equals(step.jobType()) || task.getAttribute("id").equals(step.elementId())) {
          tasks.add(
              file
                  + " "
                  + task.getAttribute("id")
                  + " \""
                  + task.getAttribute("name")
                  + "\" "
                  + type);
        }
      }
    }
    assertThat(tasks)
        .isNotEmpty()
        .allSatisfy(
            task ->
                assertThat(task)
                    .endsWith(
                        " " + step.elementId() + " \"" + step.name() + "\" " + step.jobType()));
  }

  @ParameterizedTest
  @MethodSource("steps")
  void everyCurrentTemplateOfTheJobTypeIsNamedAfterTheStep(Step step) throws IOException {
    List<String> names = new ArrayList<>();
    for (Path file : files(Path.of("element-templates"), ".json")) {
      if (file.startsWith(Path.of("element-templates", "versioned"))) {
        continue; // earlier versions keep the names they were published with
      }
      JsonNode template = new ObjectMapper().readTree(file.toFile());
      for (JsonNode property : template.path("properties")) {
        if (property.path("binding").path("type").asText().equals("zeebe:taskDefinition")
            && property.path("binding").path("property").asText().equals("type")
            && property.path("value").asText().equals(step.jobType())) {
          names.add(template.path("name").asText());
        }
      }
    }
    assertThat(names)
        .isNotEmpty()
        .allSatisfy(
            name ->
                assertThat(name)
                    .isIn(
                        "PixVerse 5.6: " + step.name(),
                        "PixVerse 5.6: " + step.name() + " (hybrid)"));
  }

  @ParameterizedTest
  @MethodSource("steps")
  void theCodeIsNamedAfterTheStep(Step step) throws ClassNotFoundException {
    Class.forName("io.github.pixversecamunda.worker." + step.stem() + "Handler");
    Class.forName("io.github.pixversecamunda.spring." + step.stem() + "JobWorker");
    assertThat(Class.forName(step.resultType()).isRecord()).isTrue();
    assertThat(step.jobType())
        .isEqualTo("pixverse-" + step.name().toLowerCase(Locale.ROOT).replace(' ', '-'));
    String phase = step.name().split(" ")[0].toLowerCase(Locale.ROOT);
    assertThat(Arrays.stream(WorkerEvents.Phase.values()).map(WorkerEvents.Phase::tag))
        .contains(phase);
  }

  private static List<Path> files(Path folder, String suffix) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
    }
  }
}
