package io.github.pixversecamunda.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pixversecamunda.testing.S3Server;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A 1 GiB video through the S3 store in a worker JVM limited to a 64 MiB heap, against a real S3
 * server: it only completes if the multipart buffers stay bounded. The figures (throughput, peak
 * heap) are printed, not asserted.
 */
@Tag("slow")
class LargeS3UploadTest {

  private static final long ONE_GIB = 1L << 30;
  private static final long QUARTER_GIB = ONE_GIB / 4;

  @TempDir Path temp;

  @Test
  void oneGibibyteGoesToS3ThroughASmallHeap() throws Exception {
    // The server keeps the parts and then the object: twice the size on disk for a while.
    long free = Files.getFileStore(temp).getUsableSpace();
    Assumptions.assumeTrue(
        free > 3 * QUARTER_GIB, "not enough free disk for the large S3 check: " + free);
    long size = free > 6 * ONE_GIB ? ONE_GIB : QUARTER_GIB;
    try (S3Server server = new S3Server(temp).start();
        S3Client inspect = server.client()) {
      inspect.createBucket(b -> b.bucket("large"));
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process process =
          new ProcessBuilder(
                  List.of(
                      java,
                      "-Xmx64m",
                      "-cp",
                      System.getProperty("java.class.path"),
                      LargeS3UploadCheck.class.getName(),
                      Long.toString(size),
                      server.endpoint().toString(),
                      "large"))
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      boolean finished = process.waitFor(10, TimeUnit.MINUTES);

      System.out.println(
          "Large S3 upload: " + output.strip().lines().reduce((a, b) -> b).orElse(""));
      assertThat(finished).isTrue();
      assertThat(process.exitValue()).as(output).isZero();
      assertThat(output)
          .contains("size=" + size + " ok=true")
          .contains("incompleteUploads=0")
          .doesNotContain("OutOfMemoryError");
    }
  }
}
