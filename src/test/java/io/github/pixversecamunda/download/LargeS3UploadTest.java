package io.github.pixversecamunda.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pixversecamunda.testing.S3Server;
import io.github.pixversecamunda.testing.WorkerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
      WorkerProcess.Finished check =
          WorkerProcess.main(
                  LargeS3UploadCheck.class,
                  Long.toString(size),
                  server.endpoint().toString(),
                  "large")
              .jvmOptions("-Xmx64m")
              .run(Duration.ofMinutes(10));
      String output = check.output();

      System.out.println(
          "Large S3 upload: " + output.strip().lines().reduce((a, b) -> b).orElse(""));
      assertThat(check.finished()).isTrue();
      assertThat(check.exitCode()).as(output).isZero();
      assertThat(output)
          .contains("size=" + size + " ok=true")
          .contains("incompleteUploads=0")
          .doesNotContain("OutOfMemoryError");
    }
  }
}
