package io.github.pixversecamunda.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A 1 GiB video through the downloader in a JVM limited to a 64 MiB heap: it only completes if
 * memory does not grow with the file size. The figures (throughput, peak heap) are printed, not
 * asserted.
 */
// Slow: moves 1 GiB through a child JVM with a small heap.
@Tag("slow")
class LargeDownloadTest {

  private static final long ONE_GIB = 1L << 30;
  private static final long QUARTER_GIB = ONE_GIB / 4;

  @Test
  void oneGibibyteStreamsThroughASmallHeap() throws Exception {
    // Some machines have little disk: a quarter of the size still moves 4x the heap through it.
    long free = Files.getFileStore(Path.of(System.getProperty("java.io.tmpdir"))).getUsableSpace();
    Assumptions.assumeTrue(
        free > 2 * QUARTER_GIB, "not enough free disk for the large download check: " + free);
    long size = free > 4 * ONE_GIB ? ONE_GIB : QUARTER_GIB;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx64m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    LargeDownloadCheck.class.getName(),
                    Long.toString(size)))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean finished = process.waitFor(5, TimeUnit.MINUTES);

    System.out.println("Large download: " + output.strip().lines().reduce((a, b) -> b).orElse(""));
    assertThat(finished).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("size=" + size + " ok=true").doesNotContain("OutOfMemoryError");
  }
}
