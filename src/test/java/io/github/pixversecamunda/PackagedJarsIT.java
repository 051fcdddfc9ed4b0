package io.github.pixversecamunda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The jars as Maven packaged them (run by failsafe after {@code package}, paths from the pom):
 * users put the library jar on their production classpath, so the test fixtures must not be in it,
 * and the bundled processes must sit under the library's own package path, not at the classpath
 * root.
 */
class PackagedJarsIT {

  private static final String SIMULATOR_PACKAGE = "io/github/pixversecamunda/simulator/";

  private static List<String> entries(String property) throws IOException {
    Path jar = Path.of(System.getProperty(property));
    assertThat(jar).as(property).isRegularFile();
    try (JarFile file = new JarFile(jar.toFile())) {
      return Collections.list(file.entries()).stream().map(ZipEntry::getName).toList();
    }
  }

  @Test
  void theLibraryJarHoldsNoSimulatorAndNoSampleVideo() throws IOException {
    List<String> library = entries("pixverse.library-jar");

    assertThat(library).contains("io/github/pixversecamunda/api/PixverseClient.class");
    assertThat(library).noneMatch(name -> name.startsWith(SIMULATOR_PACKAGE));
    assertThat(library).noneMatch(name -> name.endsWith(".mp4"));
  }

  @Test
  void theSimulatorJarHoldsTheSimulatorWithItsVideoAndNothingElse() throws IOException {
    List<String> simulator = entries("pixverse.simulator-jar");

    assertThat(simulator)
        .contains(
            SIMULATOR_PACKAGE + "PixverseSimulator.class",
            SIMULATOR_PACKAGE + "SimulatorMain.class",
            SIMULATOR_PACKAGE + "sample.mp4");
    assertThat(simulator)
        .filteredOn(name -> !name.endsWith("/") && !name.startsWith("META-INF/"))
        .allMatch(name -> name.startsWith(SIMULATOR_PACKAGE))
        .noneMatch(name -> name.endsWith("Test.class"));
  }

  @Test
  void theBundledProcessesAndTemplatesLiveUnderTheLibrarysPackagePath() throws IOException {
    List<String> library = entries("pixverse.library-jar");

    assertThat(library)
        .contains(
            "io/github/pixversecamunda/bpmn/pixverse-text-to-video.bpmn",
            "io/github/pixversecamunda/forms/pixverse-review-take.form",
            "io/github/pixversecamunda/element-templates/pixverse-submit-video.json");
    assertThat(library)
        .noneMatch(
            name ->
                name.startsWith("bpmn/")
                    || name.startsWith("forms/")
                    || name.startsWith("element-templates/"));
  }

  @Test
  void theExecJarBringsTheS3ClientWhichTheLibraryLeavesOptional() throws IOException {
    List<String> exec = entries("pixverse.exec-jar");

    assertThat(exec).anyMatch(name -> name.matches("BOOT-INF/lib/s3-2\\.[0-9.]+\\.jar"));
    assertThat(exec)
        .anyMatch(name -> name.matches("BOOT-INF/lib/apache5-client-2\\.[0-9.]+\\.jar"));
    assertThat(exec).noneMatch(name -> name.startsWith("BOOT-INF/lib/netty-nio-client"));
    assertThat(entries("pixverse.library-jar"))
        .contains("io/github/pixversecamunda/download/S3Store.class");
  }
}
