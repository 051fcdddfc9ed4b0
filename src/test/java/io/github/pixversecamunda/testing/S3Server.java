package io.github.pixversecamunda.testing;

import io.github.pixversecamunda.download.S3Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server (S3Proxy on its filesystem back end) on a loopback port, run as a child JVM from
 * its self-contained jar (target/s3-server/s3proxy.jar, copied by the build): on this test class
 * path its Jackson 3 would clash with the library's Jackson 2. Objects live in a directory that
 * survives {@link #stop()} and {@link #start()}, so a test can take the server away in the middle
 * of an upload and bring it back.
 */
public final class S3Server implements AutoCloseable {

  public static final String ACCESS_KEY = "pixverse-test-access";
  public static final String SECRET_KEY = "pixverse-test-secret-0123456789";

  private final Path data;
  private final Path log;
  private final int port;
  private Process process;

  public S3Server(Path root) {
    try {
      this.data = Files.createDirectories(root.resolve("s3-data"));
      this.log = root.resolve("s3-server.log");
      try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        this.port = probe.getLocalPort();
      }
      Files.writeString(
          root.resolve("s3proxy.conf"),
          String.join(
              "\n",
              "s3proxy.endpoint=http://127.0.0.1:" + port,
              "s3proxy.authorization=aws-v2-or-v4",
              "s3proxy.identity=" + ACCESS_KEY,
              "s3proxy.credential=" + SECRET_KEY,
              "jclouds.provider=filesystem",
              "jclouds.filesystem.basedir=" + data,
              ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts (or restarts) the server and waits until it accepts connections. */
  public S3Server start() {
    Path jar = Path.of("target", "s3-server", "s3proxy.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run the build's generate-test-resources");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    try {
      process =
          new ProcessBuilder(
                  List.of(
                      java,
                      "-Xmx256m",
                      "-XX:TieredStopAtLevel=1",
                      "-jar",
                      jar.toString(),
                      "--properties",
                      data.getParent().resolve("s3proxy.conf").toString()))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the S3 server exited; log:\n" + log());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return this;
      } catch (IOException notYet) {
        sleep(100);
      }
    }
    throw new IllegalStateException("the S3 server did not start; log:\n" + log());
  }

  /** SIGKILL: the server vanishes in the middle of whatever it was doing. */
  public void stop() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The worker's settings for this server and bucket, with static test credentials. */
  public S3Settings settings(String bucket) {
    return S3Settings.of(bucket)
        .withEndpoint(endpoint(), true)
        .withCredentials(ACCESS_KEY, SECRET_KEY);
  }

  /** A client for the test's own look at the bucket. */
  public S3Client client() {
    return S3Client.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(endpoint())
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build();
  }

  /** The SHA-256 of an object's bytes as the server hands them out, in hex. */
  public static String sha256(S3Client client, String bucket, String key) {
    try (InputStream in = client.getObject(b -> b.bucket(bucket).key(key))) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        digest.update(buffer, 0, read);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    stop();
  }
}
