package io.github.pixversecamunda.download;

import io.github.pixversecamunda.simulator.PixverseSimulator;
import io.github.pixversecamunda.testing.S3Server;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Streams a generated file of the given size from the simulator into an S3 bucket (a multipart
 * upload with the default part size) and reports the peak heap. Run in its own JVM with a small
 * heap by {@link LargeS3UploadTest}: if memory grew with the file, the JVM would run out of memory.
 */
public final class LargeS3UploadCheck {

  private LargeS3UploadCheck() {}

  public static void main(String[] args) throws Exception {
    long size = Long.parseLong(args[0]);
    URI endpoint = URI.create(args[1]);
    String bucket = args[2];
    S3Settings settings =
        S3Settings.of(bucket)
            .withEndpoint(endpoint, true)
            .withCredentials(S3Server.ACCESS_KEY, S3Server.SECRET_KEY);
    try (PixverseSimulator simulator = new PixverseSimulator().start();
        VideoDownloader downloader =
            new VideoDownloader(
                DownloadSettings.of(Files.createTempDirectory("pixverse-large-s3"))
                    .withAllowLoopback(true)
                    .withMaxBytes(size + 1),
                new S3Store(settings));
        S3Client inspect =
            S3Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .credentialsProvider(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3Server.ACCESS_KEY, S3Server.SECRET_KEY)))
                .build()) {
      long started = System.nanoTime();
      StoredVideo stored =
          downloader.download(
              simulator.fileUrl("bytes-" + size + ".mp4"), "large/{taskId}.mp4", "t1", false);
      double seconds = (System.nanoTime() - started) / 1e9;
      MessageDigest expected = MessageDigest.getInstance("SHA-256");
      byte[] zeros = new byte[1 << 20];
      for (long left = size; left > 0; left -= zeros.length) {
        expected.update(zeros, 0, (int) Math.min(zeros.length, left));
      }
      long objectSize = inspect.headObject(b -> b.bucket(bucket).key(stored.key())).contentLength();
      int incomplete = inspect.listMultipartUploads(b -> b.bucket(bucket)).uploads().size();
      boolean ok =
          stored.sizeBytes() == size
              && objectSize == size
              && incomplete == 0
              && stored.sha256().equals(HexFormat.of().formatHex(expected.digest()));
      long peakHeap = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          peakHeap += pool.getPeakUsage().getUsed();
        }
      }
      System.out.printf(
          "size=%d ok=%s objectSize=%d incompleteUploads=%d partSize=%d seconds=%.1f MiB/s=%.0f"
              + " peakHeapMiB=%.1f maxHeapMiB=%.0f%n",
          size,
          ok,
          objectSize,
          incomplete,
          settings.partSize(),
          seconds,
          size / 1048576.0 / seconds,
          peakHeap / 1048576.0,
          Runtime.getRuntime().maxMemory() / 1048576.0);
      inspect.deleteObject(b -> b.bucket(bucket).key(stored.key()));
      System.exit(ok ? 0 : 1);
    }
  }
}
