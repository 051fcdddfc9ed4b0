package io.github.pixversecamunda.download;

import io.github.pixversecamunda.simulator.PixverseSimulator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Downloads a generated file of the given size from the simulator and reports the peak heap. Run in
 * its own JVM with a small heap by {@link LargeDownloadTest}: if memory grew with the file, the JVM
 * would run out of memory.
 */
public final class LargeDownloadCheck {

  private LargeDownloadCheck() {}

  public static void main(String[] args) throws Exception {
    long size = Long.parseLong(args[0]);
    Path directory = Files.createTempDirectory("pixverse-large-download");
    try (PixverseSimulator simulator = new PixverseSimulator().start();
        VideoDownloader downloader =
            VideoDownloader.intoDirectory(
                DownloadSettings.of(directory).withAllowLoopback(true).withMaxBytes(size + 1))) {
      long started = System.nanoTime();
      StoredVideo stored =
          downloader.download(
              simulator.fileUrl("bytes-" + size + ".mp4"), "large.mp4", null, false);
      double seconds = (System.nanoTime() - started) / 1e9;
      // The simulator's generated files are zeros: compute the expected digest independently.
      MessageDigest expected = MessageDigest.getInstance("SHA-256");
      byte[] zeros = new byte[1 << 20];
      for (long left = size; left > 0; left -= zeros.length) {
        expected.update(zeros, 0, (int) Math.min(zeros.length, left));
      }
      boolean ok =
          stored.sizeBytes() == size
              && Files.size(Path.of(stored.path())) == size
              && stored.sha256().equals(HexFormat.of().formatHex(expected.digest()));
      long peakHeap = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          peakHeap += pool.getPeakUsage().getUsed();
        }
      }
      System.out.printf(
          "size=%d ok=%s seconds=%.1f MiB/s=%.0f peakHeapMiB=%.1f maxHeapMiB=%.0f%n",
          size,
          ok,
          seconds,
          size / 1048576.0 / seconds,
          peakHeap / 1048576.0,
          Runtime.getRuntime().maxMemory() / 1048576.0);
      Files.deleteIfExists(Path.of(stored.path()));
      System.exit(ok ? 0 : 1);
    } finally {
      try (var files = Files.list(directory)) {
        for (Path file : files.toList()) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(directory);
    }
  }
}
