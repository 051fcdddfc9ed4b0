package io.github.pixversecamunda.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Every id the tests take from {@link ProcessIds} names an element of the shipped processes. */
class ProcessIdsTest {

  private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";

  /** Process id → ids of every element inside it, from bpmn/ and bpmn/examples/. */
  private static final Map<String, Set<String>> SHIPPED = new HashMap<>();

  @BeforeAll
  static void readShippedProcesses() throws Exception {
    for (Path folder : List.of(Path.of("bpmn"), Path.of("bpmn", "examples"))) {
      List<Path> files;
      try (Stream<Path> listed = Files.list(folder)) {
        files = listed.filter(p -> p.toString().endsWith(".bpmn")).toList();
      }
      for (Path file : files) {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        NodeList processes =
            factory
                .newDocumentBuilder()
                .parse(file.toFile())
                .getElementsByTagNameNS(BPMN, "process");
        for (int i = 0; i < processes.getLength(); i++) {
          Element process = (Element) processes.item(i);
          Set<String> ids = new HashSet<>();
          NodeList inside = process.getElementsByTagName("*");
          for (int j = 0; j < inside.getLength(); j++) {
            String id = ((Element) inside.item(j)).getAttribute("id");
            if (!id.isEmpty()) {
              ids.add(id);
            }
          }
          SHIPPED.put(process.getAttribute("id"), ids);
        }
      }
    }
  }

  @Test
  void theProcessConstantsAreExactlyTheShippedProcesses() {
    assertThat(ProcessIds.PROCESSES).containsExactlyInAnyOrderElementsOf(SHIPPED.keySet());
  }

  @Test
  void everySingleVideoIdIsAnElementOfBothSingleVideoProcesses() {
    for (String process : List.of(ProcessIds.TEXT_TO_VIDEO, ProcessIds.IMAGE_TO_VIDEO)) {
      assertThat(SHIPPED.get(process))
          .as("elements of %s", process)
          .containsAll(ProcessIds.SINGLE_VIDEO_ELEMENTS);
    }
  }

  @Test
  void theTeasersIdsAreElementsOfTheTeaserProcess() {
    assertThat(SHIPPED.get(ProcessIds.TEASER_AND_VIDEO)).containsAll(ProcessIds.TEASER_ELEMENTS);
  }

  /**
   * Each constant is a process id, a single-video element, or (by its prefix) an element of the
   * process it names, so that no constant can outlive a renamed element.
   */
  @Test
  void everyConstantNamesAnElementOfItsProcess() throws Exception {
    Map<String, String> prefixes =
        Map.of(
            "BATCH_", ProcessIds.BATCH,
            "REVIEW_", ProcessIds.REVIEW,
            "TEASER_", ProcessIds.TEASER_AND_VIDEO,
            "AGENT_", ProcessIds.CONTENT_AGENT);
    List<String> checked = new ArrayList<>();
    for (Field field : ProcessIds.class.getDeclaredFields()) {
      if (!Modifier.isStatic(field.getModifiers()) || field.getType() != String.class) {
        continue;
      }
      String name = field.getName();
      String id = (String) field.get(null);
      String process =
          prefixes.entrySet().stream()
              .filter(e -> name.startsWith(e.getKey()))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse(null);
      if (ProcessIds.PROCESSES.contains(id)) {
        assertThat(SHIPPED).as(name).containsKey(id);
      } else if (process != null) {
        assertThat(SHIPPED.get(process)).as("%s in %s", name, process).contains(id);
      } else {
        assertThat(ProcessIds.SINGLE_VIDEO_ELEMENTS).as(name).contains(id);
      }
      checked.add(name);
    }
    assertThat(checked).hasSizeGreaterThan(ProcessIds.PROCESSES.size());
  }
}
