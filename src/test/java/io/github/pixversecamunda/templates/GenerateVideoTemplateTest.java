package io.github.pixversecamunda.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Escalation;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeInput;
import io.github.pixversecamunda.api.GenerationInput;
import io.github.pixversecamunda.testing.ProcessIds;
import io.github.pixversecamunda.worker.Variables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The call-activity template "PixVerse 5.6: Generate video" against the processes it calls: its
 * modes are the shipped processes, every input is a start variable they read, nothing else crosses
 * the call, and the outcomes it lists are exactly the escalation codes they end with.
 */
class GenerateVideoTemplateTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> CALLED =
      List.of(ProcessIds.TEXT_TO_VIDEO, ProcessIds.IMAGE_TO_VIDEO);

  private static JsonNode template() throws IOException {
    return JSON.readTree(Path.of("element-templates", "pixverse-generate-video.json").toFile());
  }

  private static List<JsonNode> bound(JsonNode template, String type) {
    List<JsonNode> found = new ArrayList<>();
    template
        .path("properties")
        .forEach(
            p -> {
              if (p.path("binding").path("type").asText().equals(type)) {
                found.add(p);
              }
            });
    return found;
  }

  private static BpmnModelInstance shipped(String process) {
    return Bpmn.readModelFromFile(Path.of("bpmn", process + ".bpmn").toFile());
  }

  @Test
  void theModesAreTheShippedSingleVideoProcesses() throws IOException {
    JsonNode mode =
        bound(template(), "zeebe:calledElement").stream()
            .filter(p -> p.path("binding").path("property").asText().equals("processId"))
            .findFirst()
            .orElseThrow();
    List<String> choices = new ArrayList<>();
    mode.path("choices").forEach(c -> choices.add(c.path("value").asText()));

    assertThat(mode.path("type").asText()).isEqualTo("Dropdown");
    assertThat(choices).containsExactlyElementsOf(CALLED);
    for (String process : CALLED) {
      assertThat(shipped(process).getModelElementsByType(Process.class))
          .extracting(Process::getId)
          .containsExactly(process);
    }
  }

  @Test
  void noVariableCrossesTheCallExceptTheDeclaredOnes() throws IOException {
    JsonNode template = template();
    for (String property : List.of("propagateAllParentVariables", "propagateAllChildVariables")) {
      JsonNode propagation =
          bound(template, "zeebe:calledElement").stream()
              .filter(p -> p.path("binding").path("property").asText().equals(property))
              .findFirst()
              .orElseThrow();
      assertThat(propagation.path("type").asText()).as(property).isEqualTo("Hidden");
      assertThat(propagation.path("value").asBoolean(true)).as(property).isFalse();
    }

    Set<String> standard = new TreeSet<>();
    String single = null;
    for (JsonNode output : bound(template, "zeebe:output")) {
      if (output.path("condition").path("equals").asText().equals("standard")) {
        assertThat(output.path("binding").path("source").asText())
            .isEqualTo("=" + output.path("value").asText());
        standard.add(output.path("value").asText());
      } else {
        single = output.path("binding").path("source").asText();
      }
    }
    List<String> results =
        List.of(
            Variables.DEFAULT_SUBMIT_RESULT,
            Variables.DEFAULT_AWAIT_RESULT,
            Variables.DEFAULT_DOWNLOAD_RESULT,
            Variables.ERROR);
    assertThat(standard).containsExactlyInAnyOrderElementsOf(results);
    assertThat(single).isNotNull();
    for (String result : results) {
      assertThat(single).contains(": " + result);
    }
  }

  /**
   * Every input reaches something that reads it: the submit task's inputs, the deadline timer, or
   * (the object key) the download task's inputs.
   */
  @Test
  void everyInputIsAStartVariableTheCalledProcessReads() throws IOException {
    JsonNode template = template();
    Set<String> inputs = new TreeSet<>();
    bound(template, "zeebe:input")
        .forEach(p -> inputs.add(p.path("binding").path("name").asText()));

    Set<String> expected = new TreeSet<>(GenerationInput.FIELDS);
    expected.addAll(List.of(Variables.MAX_CREDITS, "deadline", "objectKey"));
    assertThat(inputs).isEqualTo(expected);

    for (String process : CALLED) {
      BpmnModelInstance model = shipped(process);
      Set<String> read = new HashSet<>();
      for (String task : List.of(ProcessIds.SUBMIT_VIDEO, ProcessIds.DOWNLOAD_VIDEO)) {
        ServiceTask readingTask = model.getModelElementById(task);
        for (ZeebeInput input :
            readingTask
                .getExtensionElements()
                .getElementsQuery()
                .filterByType(io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping.class)
                .singleResult()
                .getInputs()) {
          read.add(input.getSource());
        }
      }
      for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
        if (timer.getTimeDuration() != null) {
          read.add(timer.getTimeDuration().getTextContent());
        }
      }
      for (String input : inputs) {
        if (input.equals(GenerationInput.IMAGE_URL) && process.equals(CALLED.get(0))) {
          continue;
        }
        assertThat(read)
            .as(process + " reads " + input)
            .anyMatch(source -> source.matches("(?s)=.*\\b" + input + "\\b.*"));
      }
    }
  }

  @Test
  void theOutcomesListedAreExactlyTheEscalationCodesOfTheCalledProcesses() throws IOException {
    String listed =
        bound(template(), "zeebe:property").stream()
            .filter(p -> p.path("id").asText().equals("outcomes"))
            .findFirst()
            .orElseThrow()
            .path("value")
            .asText();
    Set<String> codesListed = new TreeSet<>();
    for (String line : listed.split("\n")) {
      codesListed.add(line.substring(0, line.indexOf(':')));
    }
    for (String process : CALLED) {
      Set<String> thrown = new TreeSet<>();
      shipped(process)
          .getModelElementsByType(Escalation.class)
          .forEach(e -> thrown.add(e.getEscalationCode()));
      assertThat(codesListed).as(process).isEqualTo(thrown);
    }
  }

  @Test
  void theTemplateHasNoPlaceForTheApiKey() throws IOException {
    String text = Files.readString(Path.of("element-templates", "pixverse-generate-video.json"));
    template()
        .path("properties")
        .forEach(
            p ->
                assertThat(p.path("binding").toString() + " " + p.path("label").asText())
                    .doesNotContainPattern(
                        "(?i)api.?key|secret|token|authori[sz]ation|password|bearer"));
    assertThat(text).doesNotContain("aio_");
  }
}
