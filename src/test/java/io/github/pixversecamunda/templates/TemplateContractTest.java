package io.github.pixversecamunda.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pixversecamunda.api.Credits;
import io.github.pixversecamunda.api.GenerationField;
import io.github.pixversecamunda.api.GenerationInput;
import io.github.pixversecamunda.worker.JobTypes;
import io.github.pixversecamunda.worker.Variables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Keeps the element templates, the BPMN files and the workers in step: every input a template binds
 * is read by its worker and vice versa, dropdowns offer exactly what the API accepts, and no
 * template or process has a place for the API key.
 */
class TemplateContractTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ZEEBE = "http://camunda.org/schema/zeebe/1.0";
  private static final String SETTINGS_SWITCH = "outputSettings";
  private static final Set<String> KNOWN_HEADERS =
      Set.of(
          Variables.RESULT_VARIABLE_HEADER,
          Variables.RETRY_BACKOFF_HEADER,
          Variables.JOB_TIMEOUT_HEADER,
          "elementTemplateId",
          "elementTemplateVersion");

  record Template(String file, String jobType, List<String> workerInputs) {
    JsonNode json() throws IOException {
      return JSON.readTree(Path.of("element-templates", file).toFile());
    }
  }

  static Stream<Arguments> templates() {
    return Stream.of(
        Arguments.of(
            new Template(
                "pixverse-submit-video.json", JobTypes.SUBMIT_VIDEO, Variables.SUBMIT_INPUTS)),
        Arguments.of(
            new Template("pixverse-await-task.json", JobTypes.AWAIT_TASK, Variables.AWAIT_INPUTS)),
        Arguments.of(
            new Template(
                "pixverse-download-video.json",
                JobTypes.DOWNLOAD_VIDEO,
                Variables.DOWNLOAD_INPUTS)));
  }

  private static List<JsonNode> properties(JsonNode template, String bindingType) {
    List<JsonNode> found = new ArrayList<>();
    template
        .path("properties")
        .forEach(
            p -> {
              if (p.path("binding").path("type").asText().equals(bindingType)) {
                found.add(p);
              }
            });
    return found;
  }

  private static JsonNode input(JsonNode template, String name) {
    return properties(template, "zeebe:input").stream()
        .filter(p -> p.path("binding").path("name").asText().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @ParameterizedTest
  @MethodSource("templates")
  void templateInputsAreExactlyWhatTheWorkerReads(Template t) throws IOException {
    JsonNode template = t.json();

    Set<String> bound = new HashSet<>();
    properties(template, "zeebe:input")
        .forEach(p -> bound.add(p.path("binding").path("name").asText()));

    assertThat(bound).containsExactlyInAnyOrderElementsOf(t.workerInputs());
  }

  @ParameterizedTest
  @MethodSource("templates")
  void templateTargetsItsWorkerAndCarriesItsIdentity(Template t) throws IOException {
    JsonNode template = t.json();
    Map<String, String> headers = new HashMap<>();
    properties(template, "zeebe:taskHeader")
        .forEach(
            p -> headers.put(p.path("binding").path("key").asText(), p.path("value").asText()));

    assertThat(
            properties(template, "zeebe:taskDefinition").stream()
                .filter(p -> p.path("binding").path("property").asText().equals("type"))
                .map(p -> p.path("value").asText()))
        .containsExactly(t.jobType());
    assertThat(headers.keySet()).containsExactlyInAnyOrderElementsOf(KNOWN_HEADERS);
    assertThat(headers.get("elementTemplateId")).isEqualTo(template.path("id").asText());
    assertThat(headers.get("elementTemplateVersion")).isEqualTo(template.path("version").asText());
    assertThat(template.path("version").isInt()).isTrue();
    assertThat(template.path("engines").path("camunda").asText()).isEqualTo("^8.8");
    assertThat(template.path("documentationRef").asText()).startsWith("https://");
    assertThat(template.path("icon").path("contents").asText()).startsWith("data:image/svg+xml");
  }

  @ParameterizedTest
  @MethodSource("templates")
  void noTemplateHasAPlaceForTheApiKey(Template t) throws IOException {
    String text = Files.readString(Path.of("element-templates", t.file()));
    JsonNode template = t.json();

    template
        .path("properties")
        .forEach(
            p -> {
              String binding =
                  p.path("binding").path("name").asText() + p.path("binding").path("key").asText();
              assertThat(binding + " " + p.path("label").asText())
                  .doesNotContainPattern(
                      "(?i)api.?key|secret|token|authori[sz]ation|password|bearer");
            });
    assertThat(text).doesNotContain("aio_");
  }

  /**
   * The generation settings follow the process variable of the same name by default; the closed
   * ones can be switched to a dropdown of exactly the values the API accepts, or to FEEL fields
   * whose description names them. The same holds for the call activity's fields.
   */
  @ParameterizedTest
  @ValueSource(strings = {"pixverse-submit-video.json", "pixverse-generate-video.json"})
  void settingsFollowTheProcessVariableAndNameExactlyWhatTheApiAccepts(String file)
      throws IOException {
    JsonNode submit = JSON.readTree(Path.of("element-templates", file).toFile());
    assertSettingsSwitch(submit);

    // Every field of the table, checked against the table: its input, its allowed values, its
    // default.
    for (GenerationField field : GenerationField.values()) {
      List<String> allowed =
          field == GenerationField.GENERATE_AUDIO ? List.of("true", "false") : field.choices();
      if (allowed.isEmpty()) {
        assertThat(input(submit, field.variable()).path("value").asText())
            .as(field.variable())
            .isEqualTo("=" + field.variable());
        assertThat(input(submit, field.variable()).path("feel").asText())
            .as(field.variable())
            .isEqualTo("optional");
      } else {
        assertSetting(submit, field.variable(), allowed, field.defaultValue());
      }
    }
    assertThat(input(submit, Variables.MAX_CREDITS).path("value").asText())
        .isEqualTo("=" + Variables.MAX_CREDITS);
    assertThat(input(submit, Variables.MAX_CREDITS).path("feel").asText()).isEqualTo("optional");
    assertThat(input(submit, GenerationInput.PROMPT).path("constraints").path("maxLength").asInt())
        .isEqualTo(GenerationInput.MAX_PROMPT_LENGTH);
    assertThat(
            input(submit, GenerationInput.NEGATIVE_PROMPT)
                .path("constraints")
                .path("maxLength")
                .asInt())
        .isEqualTo(GenerationInput.MAX_PROMPT_LENGTH);
    assertThat(input(submit, Variables.MAX_CREDITS).path("description").asText())
        .contains(Credits.describe());
    assertThat(input(submit, GenerationInput.IMAGE_URL).path("condition").path("equals").asText())
        .isIn("image", "pixverse-image-to-video");
  }

  /**
   * A closed setting exists three times, one per position of the group's Settings switch: hidden
   * and following the process variable (the default, what the shipped processes do), a dropdown of
   * exactly the allowed values, and a FEEL-optional text field naming them.
   */
  private static void assertSetting(
      JsonNode template, String name, List<String> allowed, String apiDefault) {
    List<JsonNode> variants =
        properties(template, "zeebe:input").stream()
            .filter(p -> p.path("binding").path("name").asText().equals(name))
            .toList();
    Map<String, JsonNode> byMode = new HashMap<>();
    for (JsonNode variant : variants) {
      assertThat(variant.path("condition").path("property").asText()).isEqualTo(SETTINGS_SWITCH);
      byMode.put(variant.path("condition").path("equals").asText(), variant);
    }
    assertThat(byMode.keySet()).as(name).containsExactlyInAnyOrder("variables", "fixed", "feel");

    JsonNode followed = byMode.get("variables");
    assertThat(followed.path("type").asText()).as(name).isEqualTo("Hidden");
    assertThat(followed.path("value").asText()).as(name + " default").isEqualTo("=" + name);

    JsonNode fixed = byMode.get("fixed");
    assertThat(fixed.path("type").asText()).as(name).isEqualTo("Dropdown");
    List<String> choices = new ArrayList<>();
    fixed.path("choices").forEach(c -> choices.add(c.path("value").asText()));
    assertThat(choices).as(name + " choices").containsExactlyInAnyOrderElementsOf(allowed);
    assertThat(choices).as(name + " preselects a choice").contains(fixed.path("value").asText());
    if (apiDefault != null) {
      assertThat(fixed.path("value").asText())
          .as(name + " preselects the API default")
          .isEqualTo(apiDefault);
    }

    JsonNode property = byMode.get("feel");
    String description = property.path("description").asText();
    assertThat(property.path("type").asText()).as(name).isEqualTo("String");
    assertThat(property.path("feel").asText()).as(name).isEqualTo("optional");
    assertThat(property.path("value").asText()).as(name + " default").isEqualTo("=" + name);
    assertThat(property.has("constraints")).as(name + ": an empty field must be valid").isFalse();
    for (String value : allowed) {
      assertThat(description)
          .as(name + " names " + value)
          .containsPattern("(^|[ ,])" + java.util.regex.Pattern.quote(value) + "[ ,.:]");
    }
    if (apiDefault != null) {
      assertThat(description)
          .as(name + " names the API default")
          .contains("; " + apiDefault + " when it is not set");
    }
  }

  /** The switch itself: a dropdown whose default follows the process variables. */
  private static void assertSettingsSwitch(JsonNode template) {
    JsonNode settings =
        properties(template, "zeebe:property").stream()
            .filter(p -> p.path("id").asText().equals(SETTINGS_SWITCH))
            .findFirst()
            .orElseThrow();
    assertThat(settings.path("type").asText()).isEqualTo("Dropdown");
    assertThat(settings.path("value").asText()).isEqualTo("variables");
  }

  @Test
  void bundledProcessesUseTheTemplatesAsTheyAre() throws Exception {
    Map<String, JsonNode> templates = new HashMap<>();
    for (Arguments args : templates().toList()) {
      JsonNode json = ((Template) args.get()[0]).json();
      templates.put(json.path("id").asText(), json);
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(Path.of("bpmn"))) {
      files = list.filter(p -> p.toString().endsWith(".bpmn")).toList();
    }
    int templatedTasks = 0;
    for (Path file : files) {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      Document doc = factory.newDocumentBuilder().parse(file.toFile());
      NodeList tasks =
          doc.getElementsByTagNameNS("http://www.omg.org/spec/BPMN/20100524/MODEL", "serviceTask");
      for (int i = 0; i < tasks.getLength(); i++) {
        Element task = (Element) tasks.item(i);
        JsonNode template = templates.get(task.getAttributeNS(ZEEBE, "modelerTemplate"));
        assertThat(template)
            .as(file + " " + task.getAttribute("id") + " uses a known template")
            .isNotNull();
        templatedTasks++;
        assertThat(task.getAttributeNS(ZEEBE, "modelerTemplateVersion"))
            .isEqualTo(template.path("version").asText());
        Element definition = (Element) task.getElementsByTagNameNS(ZEEBE, "taskDefinition").item(0);
        String expectedType =
            properties(template, "zeebe:taskDefinition").stream()
                .filter(p -> p.path("binding").path("property").asText().equals("type"))
                .findFirst()
                .orElseThrow()
                .path("value")
                .asText();
        assertThat(definition.getAttribute("type")).isEqualTo(expectedType);
        Set<String> templateInputs = new HashSet<>();
        properties(template, "zeebe:input")
            .forEach(p -> templateInputs.add(p.path("binding").path("name").asText()));
        NodeList inputs = task.getElementsByTagNameNS(ZEEBE, "input");
        for (int j = 0; j < inputs.getLength(); j++) {
          assertThat(templateInputs).contains(((Element) inputs.item(j)).getAttribute("target"));
        }
        NodeList headers = task.getElementsByTagNameNS(ZEEBE, "header");
        for (int j = 0; j < headers.getLength(); j++) {
          assertThat(KNOWN_HEADERS).contains(((Element) headers.item(j)).getAttribute("key"));
        }
      }
      assertThat(Files.readString(file)).doesNotContainPattern("(?i)api.?key|aio_");
    }
    assertThat(templatedTasks).isEqualTo(8);
  }
}
