package io.github.pixversecamunda.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.classreading.MetadataReader;

/**
 * Every key the library's code reads, from a {@code @ConditionalOnProperty} or a {@code @Value},
 * has configuration metadata with a description, so IDEs complete and explain it; and every {@code
 * pixverse.*} property in the metadata has a description too.
 */
class ConfigurationMetadataTest {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:}]+)");

  @Test
  void everyKeyTheCodeReadsHasMetadataWithADescription() throws Exception {
    Map<String, JsonNode> metadata = libraryMetadata();
    TreeSet<String> keys = keysReadByTheLibrary();

    // The scan itself must see the keys this test exists for.
    assertThat(keys)
        .contains(
            "pixverse.api-key",
            "pixverse.deploy-processes",
            "pixverse.workers.submit.enabled",
            "pixverse.workers.await.enabled",
            "pixverse.workers.download.enabled",
            "management.health.pixverse-api.enabled",
            "pixverse.cluster-check-interval");
    for (String key : keys) {
      assertThat(metadata).as("metadata of %s", key).containsKey(key);
      assertThat(metadata.get(key).path("description").asText())
          .as("description of %s", key)
          .isNotBlank();
    }
  }

  @Test
  void everyPixversePropertyHasADescription() throws Exception {
    Map<String, JsonNode> metadata = libraryMetadata();
    assertThat(metadata.keySet()).contains("pixverse.poll.floor", "pixverse.download.max-size");
    metadata.forEach(
        (name, property) -> {
          if (name.startsWith("pixverse.")) {
            assertThat(property.path("description").asText())
                .as("description of %s", name)
                .isNotBlank();
          }
        });
  }

  /** The metadata the library jar carries: the generated file with the hand-written additions. */
  private static Map<String, JsonNode> libraryMetadata() throws Exception {
    URL library = PixverseProperties.class.getProtectionDomain().getCodeSource().getLocation();
    Map<String, JsonNode> properties = new LinkedHashMap<>();
    Enumeration<URL> files =
        ConfigurationMetadataTest.class
            .getClassLoader()
            .getResources("META-INF/spring-configuration-metadata.json");
    while (files.hasMoreElements()) {
      URL file = files.nextElement();
      if (!file.toString().startsWith(library.toString())) {
        continue; // Spring Boot's and the Camunda starter's own metadata
      }
      try (InputStream in = file.openStream()) {
        for (JsonNode property : new ObjectMapper().readTree(in).path("properties")) {
          properties.put(property.path("name").asText(), property);
        }
      }
    }
    assertThat(properties).as("metadata in %s", library).isNotEmpty();
    return properties;
  }

  /** Condition and {@code @Value} keys of every class in the library's own classes directory. */
  private static TreeSet<String> keysReadByTheLibrary() throws Exception {
    URL library = PixverseProperties.class.getProtectionDomain().getCodeSource().getLocation();
    ClassPathScanningCandidateComponentProvider scanner =
        new ClassPathScanningCandidateComponentProvider(false) {
          // Every class: the scanner would skip those whose conditions do not match here.
          @Override
          protected boolean isCandidateComponent(MetadataReader reader) {
            return true;
          }

          @Override
          protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
            return true; // nested, abstract and package-private classes too
          }
        };
    TreeSet<String> keys = new TreeSet<>();
    for (BeanDefinition found : scanner.findCandidateComponents("io.github.pixversecamunda")) {
      Class<?> type = Class.forName(found.getBeanClassName());
      if (!library.equals(type.getProtectionDomain().getCodeSource().getLocation())) {
        continue; // tests and the simulator
      }
      List<AnnotatedElement> elements = new ArrayList<>();
      elements.add(type);
      elements.addAll(List.of(type.getDeclaredMethods()));
      elements.addAll(List.of(type.getDeclaredFields()));
      for (Executable executable :
          Stream.concat(
                  Stream.of(type.getDeclaredConstructors()), Stream.of(type.getDeclaredMethods()))
              .toList()) {
        for (Parameter parameter : executable.getParameters()) {
          elements.add(parameter);
        }
      }
      for (AnnotatedElement element : elements) {
        ConditionalOnProperty condition = element.getAnnotation(ConditionalOnProperty.class);
        if (condition != null) {
          String prefix = condition.prefix().isEmpty() ? "" : condition.prefix() + ".";
          for (String name : condition.name().length > 0 ? condition.name() : condition.value()) {
            keys.add(prefix + name);
          }
        }
        Value value = element.getAnnotation(Value.class);
        if (value != null) {
          Matcher matcher = PLACEHOLDER.matcher(value.value());
          while (matcher.find()) {
            keys.add(matcher.group(1));
          }
        }
      }
    }
    return keys;
  }
}
