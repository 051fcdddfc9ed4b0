package io.github.pixversecamunda.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.Error;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EscalationEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every single-video process (each shipped BPMN with a submit task) catches every {@link
 * ErrorCodes} value with its own boundary event around the submit, check and download tasks, and
 * leads it to its own named end that escalates the same code, so a new error code cannot be
 * forgotten in a diagram.
 */
class ErrorBoundaryEventsTest {

  /** Every value of {@link ErrorCodes}, read from the class so a new code is walked too. */
  static List<String> errorCodes() throws IllegalAccessException {
    List<String> codes = new ArrayList<>();
    for (Field field : ErrorCodes.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        codes.add((String) field.get(null));
      }
    }
    return codes;
  }

  /** The shipped processes that submit a video themselves. */
  static List<Path> singleVideoProcesses() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      return files
          .filter(file -> file.toString().endsWith(".bpmn"))
          .filter(
              file ->
                  jobTypes(Bpmn.readModelFromFile(file.toFile())).contains(JobTypes.SUBMIT_VIDEO))
          .sorted()
          .toList();
    }
  }

  private static Set<String> jobTypes(ModelElementInstance scope) {
    Set<String> types = new HashSet<>();
    for (ServiceTask task : scope.getModelInstance().getModelElementsByType(ServiceTask.class)) {
      if (isWithin(task, scope)) {
        ZeebeTaskDefinition definition = task.getSingleExtensionElement(ZeebeTaskDefinition.class);
        if (definition != null) {
          types.add(definition.getType());
        }
      }
    }
    return types;
  }

  private static Set<String> jobTypes(BpmnModelInstance model) {
    return jobTypes(model.getDocumentElement());
  }

  private static boolean isWithin(ModelElementInstance element, ModelElementInstance scope) {
    for (ModelElementInstance at = element; at != null; at = at.getParentElement()) {
      if (at == scope) {
        return true;
      }
    }
    return false;
  }

  @Test
  void theWalkSeesEveryCodeAndBothSingleVideoProcesses() throws Exception {
    assertThat(errorCodes())
        .contains(ErrorCodes.INVALID_REQUEST, ErrorCodes.FILE_EXISTS)
        .hasSize(10)
        .doesNotHaveDuplicates();
    assertThat(singleVideoProcesses())
        .extracting(Path::toString)
        .containsExactly("bpmn/pixverse-image-to-video.bpmn", "bpmn/pixverse-text-to-video.bpmn");
  }

  @ParameterizedTest
  @MethodSource("singleVideoProcesses")
  void everyErrorCodeHasItsBoundaryEventAndItsNamedEnd(Path file) throws Exception {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    Set<String> endNames = new HashSet<>();
    for (String code : errorCodes()) {
      List<BoundaryEvent> catches =
          model.getModelElementsByType(BoundaryEvent.class).stream()
              .filter(event -> code.equals(caughtCode(event)))
              .toList();
      assertThat(catches).as("%s: boundary events catching %s", file, code).hasSize(1);
      BoundaryEvent boundary = catches.get(0);
      assertThat(boundary.getName())
          .as("%s: name of the event catching %s", file, code)
          .isNotBlank();
      assertThat(jobTypes(boundary.getAttachedTo()))
          .as("%s: the event catching %s surrounds the three tasks", file, code)
          .contains(JobTypes.SUBMIT_VIDEO, JobTypes.AWAIT_TASK, JobTypes.DOWNLOAD_VIDEO);

      assertThat(boundary.getOutgoing())
          .as("%s: flows out of the catch of %s", file, code)
          .hasSize(1);
      SequenceFlow flow = boundary.getOutgoing().iterator().next();
      FlowNode target = flow.getTarget();
      assertThat(target).as("%s: where %s leads", file, code).isInstanceOf(EndEvent.class);
      EndEvent end = (EndEvent) target;
      assertThat(end.getName()).as("%s: name of the end of %s", file, code).isNotBlank();
      assertThat(endNames.add(end.getName()))
          .as("%s: the end of %s has a name of its own (%s)", file, code, end.getName())
          .isTrue();
      assertThat(
              end.getEventDefinitions().stream()
                  .filter(EscalationEventDefinition.class::isInstance)
                  .map(d -> ((EscalationEventDefinition) d).getEscalation().getEscalationCode())
                  .toList())
          .as("%s: the end of %s escalates that code to a parent process", file, code)
          .containsExactly(code);
    }
  }

  @ParameterizedTest
  @MethodSource("singleVideoProcesses")
  void everyErrorTheDiagramDefinesIsAnErrorCode(Path file) throws Exception {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    assertThat(model.getModelElementsByType(Error.class))
        .extracting(Error::getErrorCode)
        .as("%s: error codes defined", file)
        .containsExactlyInAnyOrderElementsOf(errorCodes());
  }

  private static String caughtCode(BoundaryEvent event) {
    return event.getEventDefinitions().stream()
        .filter(ErrorEventDefinition.class::isInstance)
        .map(d -> ((ErrorEventDefinition) d).getError())
        .filter(error -> error != null)
        .map(Error::getErrorCode)
        .findFirst()
        .orElse(null);
  }
}
