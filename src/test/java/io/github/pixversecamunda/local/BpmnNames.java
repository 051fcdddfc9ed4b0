package io.github.pixversecamunda.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Element id → name, read from the bundled processes, so progress speaks the diagram's words. */
final class BpmnNames {

  private static Map<String, String> cache;

  private BpmnNames() {}

  static synchronized Map<String, String> load() {
    if (cache != null) {
      return cache;
    }
    Map<String, String> names = new HashMap<>();
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        NodeList all = factory.newDocumentBuilder().parse(file.toFile()).getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
          Element element = (Element) all.item(i);
          if (!element.getAttribute("id").isEmpty() && !element.getAttribute("name").isEmpty()) {
            names.putIfAbsent(element.getAttribute("id"), element.getAttribute("name"));
          }
        }
      }
    } catch (Exception e) {
      // Names are a nicety: without them progress shows element ids.
    }
    cache = Map.copyOf(names);
    return cache;
  }
}
