package io.github.pixversecamunda.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Keeps videos as files below one directory. The video is written to a temporary file beside its
 * target and renamed, so no reader ever sees half a file and a failed download leaves nothing
 * behind. A key's segments become subdirectories, created as needed; the key rules ({@link
 * ObjectKeys}) keep every file inside the directory.
 */
public final class DirectoryStore implements VideoStore {

  private static final int BUFFER = 64 * 1024;

  private final Path directory;

  /**
   * A store that writes below the directory and never outside it.
   *
   * @param directory must exist and be writable when a video comes ({@link #ready()} checks)
   */
  public DirectoryStore(Path directory) {
    this.directory = directory.toAbsolutePath().normalize();
  }

  @Override
  public StoreKind kind() {
    return StoreKind.DIRECTORY;
  }

  @Override
  public String describe() {
    return "the directory " + directory;
  }

  /** {@return the storage directory, absolute} */
  public Path directory() {
    return directory;
  }

  @Override
  public Placement put(VideoStream video, String key, @Nullable String taskId, boolean overwrite)
      throws IOException {
    Path target = target(key);
    checkDirectory();
    Path parent = target.getParent();
    if (parent == null) {
      // target() keeps every key below the storage directory, so a file there has a parent.
      throw new IllegalStateException("no directory above " + target);
    }
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw storage("cannot create " + parent, e);
    }
    Path temporary = parent.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
    try {
      copy(video, temporary);
      String digest = video.sha256();
      boolean reused = false;
      if (Files.exists(target) && !overwrite) {
        if (!digest.equals(sha256Of(target))) {
          throw new DownloadException(
              DownloadException.Kind.EXISTS,
              "The file "
                  + target
                  + " already exists with other content, and overwriting is not allowed");
        }
        reused = true; // The same video again (a repeated job): keep the existing file.
      } else {
        move(temporary, target);
      }
      return Placement.file(target.toUri().toString(), target.toString(), reused);
    } finally {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException ignored) {
        // Nothing more can be done; the name starts with '.' and ends with '.part'.
      }
    }
  }

  private Path target(String key) {
    Path target = directory.resolve(key).normalize();
    if (!target.startsWith(directory) || target.equals(directory)) {
      throw new DownloadException(
          DownloadException.Kind.INVALID_NAME,
          "The object key '" + key + "' would leave the storage directory");
    }
    return target;
  }

  @Override
  public void ready() {
    checkDirectory();
  }

  private void checkDirectory() {
    if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
      throw new DownloadException(
          DownloadException.Kind.STORAGE,
          "The storage directory "
              + directory
              + " is missing or not writable (pixverse.download.directory)");
    }
  }

  private static void copy(VideoStream body, Path temporary) throws IOException {
    byte[] buffer = new byte[BUFFER];
    OutputStream out;
    try {
      out = Files.newOutputStream(temporary);
    } catch (IOException e) {
      throw storage("cannot create " + temporary, e);
    }
    try (out) {
      int read;
      while ((read = body.read(buffer)) >= 0) { // an IOException here is the network's: transient
        try {
          out.write(buffer, 0, read);
        } catch (IOException e) {
          throw storage("cannot write " + temporary + " (disk full?)", e);
        }
      }
    }
  }

  private static void move(Path temporary, Path target) {
    try {
      try {
        Files.move(
            temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw storage("cannot move the download to " + target, e);
    }
  }

  private static String sha256Of(Path file) {
    MessageDigest digest = VideoStream.newDigest();
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(file)) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        digest.update(buffer, 0, read);
      }
    } catch (IOException e) {
      throw storage("cannot read " + file, e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static DownloadException storage(String what, IOException e) {
    return new DownloadException(
        DownloadException.Kind.STORAGE, "Storage problem: " + what + ": " + e, e);
  }
}
