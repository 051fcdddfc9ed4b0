package io.github.pixversecamunda.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pixversecamunda.testing.WorkerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    WorkerProcess.Finished check =
        WorkerProcess.main(LargeDownloadCheck.class, Long.toString(size))
            .jvmOptions("-Xmx64m")
            .run(Duration.ofMinutes(5));
    String output = check.output();

    System.out.println("Large download: " + output.strip().lines().reduce((a, b) -> b).orElse(""));
    assertThat(check.finished()).isTrue();
    assertThat(check.exitCode()).as(output).isZero();
    assertThat(output).contains("size=" + size + " ok=true").doesNotContain("OutOfMemoryError");
  }
}
