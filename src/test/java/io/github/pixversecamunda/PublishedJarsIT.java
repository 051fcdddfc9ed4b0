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
 * What a repository needs beside the library jar, after package: the licence in the jar, a sources
 * jar and a javadoc jar of the library's public API.
 */
class PublishedJarsIT {

  private static List<String> entries(String property) throws IOException {
    Path jar = Path.of(System.getProperty(property));
    assertThat(jar).as(property).isRegularFile();
    try (JarFile file = new JarFile(jar.toFile())) {
      return Collections.list(file.entries()).stream().map(ZipEntry::getName).toList();
    }
  }

  @Test
  void theLibraryJarCarriesTheLicence() throws IOException {
    assertThat(entries("pixverse.library-jar")).contains("META-INF/LICENSE");
  }

  @Test
  void theSourcesJarHoldsTheLibrarysSources() throws IOException {
    assertThat(entries("pixverse.sources-jar"))
        .contains(
            "io/github/pixversecamunda/api/PixverseClient.java",
            "io/github/pixversecamunda/spring/PixverseAutoConfiguration.java")
        .noneMatch(name -> name.startsWith("io/github/pixversecamunda/simulator/"));
  }

  @Test
  void theJavadocJarDocumentsThePublicApi() throws IOException {
    assertThat(entries("pixverse.javadoc-jar"))
        .contains(
            "index.html",
            "io/github/pixversecamunda/api/PixverseClient.html",
            "io/github/pixversecamunda/worker/PixverseWorkers.html");
  }
}
