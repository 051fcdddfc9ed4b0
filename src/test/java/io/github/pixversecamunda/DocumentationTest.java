package io.github.pixversecamunda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README is the front door: short, with the commands users and CI type word for word, and a way
 * to every page under {@code docs/}; every relative link between the documents reaches its file and
 * its section, so a section moved to another page cannot leave a dead link behind.
 */
class DocumentationTest {

  private static final Path README = Path.of("README.md");
  private static final Path DOCS = Path.of("docs");
  private static final int README_MAX_LINES = 200;

  /** A Markdown link to a relative target: {@code [text](target)}, target without a scheme. */
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  private static final Pattern FENCED_CODE = Pattern.compile("(?ms)^```.*?^```");

  @Test
  void readmeStaysAFrontDoor() throws IOException {
    assertThat(Files.readAllLines(README)).hasSizeLessThanOrEqualTo(README_MAX_LINES);
  }

  @Test
  void readmeKeepsTheCommandsWordForWord() throws IOException {
    String readme = Files.readString(README);
    assertThat(readme)
        .contains("`mvn -q -Prun`", "`mvn -B verify`", "`mvn -q -Pbenchmark`")
        .contains(
            "mvn -q -Prun -Dargs=\"--prompt 'A red fox running through snow' --resolution 540p"
                + " --duration 8 --json\" > result.json");
    // CI runs exactly the README's test command.
    assertThat(Files.readAllLines(Path.of(".ci", "run"))).contains("mvn -B verify");
  }

  /**
   * {@code mvn -q -Prun} and {@code mvn -q -Pbenchmark} fork a JVM for code built for JDK 21+ while
   * Maven itself may run on Java 17: each forked command is the bare {@code java}, which the exec
   * plugin takes from the selected toolchain, never Maven's own {@code ${java.home}}.
   */
  @Test
  void theReadmesForkedCommandsRunOnTheSelectedJdk() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    Matcher executable = Pattern.compile("<executable>([^<]*)</executable>").matcher(pom);
    List<String> executables = new ArrayList<>();
    while (executable.find()) {
      executables.add(executable.group(1));
    }
    List<String> javas = executables.stream().filter(e -> e.contains("java")).toList();
    assertThat(javas).hasSizeGreaterThanOrEqualTo(2).containsOnly("java");
  }

  @Test
  void everyDocsPageIsLinkedFromTheReadme() throws IOException {
    Set<Path> linked = new HashSet<>();
    for (String target : links(README)) {
      linked.add(Path.of(target.split("#", 2)[0]).normalize());
    }
    assertThat(docsPages()).isNotEmpty().allSatisfy(page -> assertThat(linked).contains(page));
  }

  /**
   * The configuration page's table lists exactly the keys of the configuration metadata (generated
   * from {@code PixverseProperties} at compile time, plus the hand-written additional metadata).
   */
  @Test
  void configurationPageListsEveryProperty() throws IOException {
    JsonNode metadata =
        new ObjectMapper()
            .readTree(
                Path.of("target/classes/META-INF/spring-configuration-metadata.json").toFile());
    Set<String> properties = new TreeSet<>();
    metadata.path("properties").forEach(p -> properties.add(p.path("name").asText()));
    Set<String> documented = new TreeSet<>();
    Matcher row =
        Pattern.compile("(?m)^\\| `([a-z0-9.-]+)` \\|")
            .matcher(Files.readString(DOCS.resolve("configuration.md")));
    while (row.find()) {
      documented.add(row.group(1));
    }
    assertThat(properties).contains("pixverse.api-key", "pixverse.cluster-check-interval");
    assertThat(documented).isEqualTo(properties);
  }

  @Test
  void everyRelativeLinkReachesItsFileAndSection() throws IOException {
    List<Path> documents = new ArrayList<>(docsPages());
    documents.addAll(List.of(README, Path.of("CONTRIBUTING.md"), Path.of("CHANGELOG.md")));
    List<String> broken = new ArrayList<>();
    for (Path document : documents) {
      for (String target : links(document)) {
        String[] parts = target.split("#", 2);
        Path file =
            parts[0].isEmpty() ? document : resolve(document, Path.of(parts[0])).normalize();
        if (!Files.exists(file)) {
          broken.add(document + ": " + target + " (no file " + file + ")");
        } else if (parts.length == 2
            && file.toString().endsWith(".md")
            && !anchors(file).contains(parts[1])) {
          broken.add(document + ": " + target + " (no section #" + parts[1] + " in " + file + ")");
        }
      }
    }
    assertThat(broken).isEmpty();
  }

  /**
   * The Modeler opens a template's documentation link from the properties panel: it must reach a
   * page of this repository and a section on it, under the project's address as the pom states it
   * (the address of the account that owns the {@code io.github.*} group id).
   */
  @Test
  void everyTemplateLinksToASectionOfTheDocs() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    Matcher url = Pattern.compile("<url>(https://github\\.com/([^/<]+)/[^/<]+)</url>").matcher(pom);
    assertThat(url.find()).as("the project's <url> in pom.xml").isTrue();
    assertThat(pom).contains("<groupId>io.github." + url.group(2) + "</groupId>");
    String prefix = url.group(1) + "/blob/main/";
    List<String> broken = new ArrayList<>();
    List<Path> templates;
    try (Stream<Path> files = Files.walk(Path.of("element-templates"))) {
      templates = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    for (Path template : templates) {
      String ref = new ObjectMapper().readTree(template.toFile()).path("documentationRef").asText();
      String[] parts = ref.startsWith(prefix) ? ref.substring(prefix.length()).split("#", 2) : null;
      if (parts == null || parts.length != 2) {
        broken.add(template + ": " + ref + " (not " + prefix + "<page>#<section>)");
      } else if (!Files.exists(Path.of(parts[0]))) {
        broken.add(template + ": " + ref + " (no file " + parts[0] + ")");
      } else if (!anchors(Path.of(parts[0])).contains(parts[1])) {
        broken.add(template + ": " + ref + " (no section #" + parts[1] + ")");
      }
    }
    assertThat(templates).hasSizeGreaterThan(10);
    assertThat(broken).isEmpty();
  }

  private static Path resolve(Path document, Path target) {
    Path dir = document.getParent();
    return dir == null ? target : dir.resolve(target);
  }

  private static List<Path> docsPages() throws IOException {
    try (Stream<Path> files = Files.list(DOCS)) {
      return files.filter(f -> f.toString().endsWith(".md")).map(Path::normalize).sorted().toList();
    }
  }

  /** Relative link targets outside code blocks. */
  private static List<String> links(Path document) throws IOException {
    String text = FENCED_CODE.matcher(Files.readString(document)).replaceAll("");
    List<String> targets = new ArrayList<>();
    Matcher m = LINK.matcher(text);
    while (m.find()) {
      String target = m.group(1);
      if (!target.matches("^[a-z]+:.*")) {
        targets.add(target);
      }
    }
    return targets;
  }

  /**
   * The anchors GitHub gives a page's headings: lower case, punctuation dropped, '-' for spaces.
   */
  private static Set<String> anchors(Path page) throws IOException {
    String text = FENCED_CODE.matcher(Files.readString(page)).replaceAll("");
    Set<String> anchors = new HashSet<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("#")) {
        String heading = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT);
        anchors.add(heading.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
      }
    }
    return anchors;
  }
}
