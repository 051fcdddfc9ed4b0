package io.github.pixversecamunda.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A 1 GiB video through the downloader in a JVM limited to a 64 MiB heap: it only completes if
 * memory does not grow with the file size. The figures (throughput, peak heap) are printed, not asserted.
 */
class LargeDownloadTest {

  private static final long ONE_GIB = 1L << 30;

  @Test
  void oneGibibyteStreamsThroughASmallHeap() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
        LargeDownloadCheck.class.getName(), Long.toString(ONE_GIB)))
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean finished = process.waitFor(5, TimeUnit.MINUTES);

    System.out.println("Large download: " + output.strip().lines().reduce((a, b) -> b).orElse(""));
    assertThat(finished).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("size=" + ONE_GIB + " ok=true").doesNotContain("OutOfMemoryError");
  }
}
