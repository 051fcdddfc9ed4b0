package io.github.pixversecamunda.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The downloader connects to the address its guard judged, but TLS still verifies the certificate
 * against the URL's host name. A loopback HTTPS server shows a certificate made here for {@code
 * video.test} only (no IP address in it).
 */
class VideoDownloaderTlsTest {

  private static final char[] PASSWORD = "changeit".toCharArray();
  private static final byte[] VIDEO = "not really a video".getBytes(StandardCharsets.UTF_8);

  /** Made once: keytool is a JVM start of its own. */
  @TempDir static Path keyDirectory;

  private static KeyStore keys;

  @TempDir Path videos;
  private HttpsServer server;
  private final AtomicInteger served = new AtomicInteger();
  private SSLContext trustingTheTestCertificate;

  @BeforeAll
  static void makeCertificate() throws Exception {
    keys = certificateFor("video.test");
  }

  @BeforeEach
  void start() throws Exception {
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, PASSWORD);
    SSLContext serverTls = SSLContext.getInstance("TLS");
    serverTls.init(keyManagers.getKeyManagers(), null, null);
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(keys);
    trustingTheTestCertificate = SSLContext.getInstance("TLS");
    trustingTheTestCertificate.init(null, trust.getTrustManagers(), null);

    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
    server.createContext(
        "/",
        exchange -> {
          served.incrementAndGet();
          exchange.getResponseHeaders().set("Content-Type", "video/mp4");
          exchange.sendResponseHeaders(200, VIDEO.length);
          exchange.getResponseBody().write(VIDEO);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /** A self-signed certificate for the name, made with the JDK's keytool. */
  private static KeyStore certificateFor(String name) throws Exception {
    Path file = keyDirectory.resolve("keys.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    keytool,
                    "-genkeypair",
                    "-alias",
                    "host",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=" + name,
                    "-ext",
                    "SAN=dns:" + name,
                    "-validity",
                    "2",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    file.toString(),
                    "-storepass",
                    new String(PASSWORD)))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, PASSWORD);
    }
    return store;
  }

  private VideoDownloader downloader(String host, SSLContext trust) {
    AddressGuard.HostLookup lookup =
        name -> {
          assertThat(name)
              .isEqualTo(host); // the resolver is asked for the name, not for an address
          return new InetAddress[] {InetAddress.getByName("127.0.0.1")};
        };
    return new VideoDownloader(
        DownloadSettings.of(videos).withAllowLoopback(true),
        new DirectoryStore(videos),
        lookup,
        trust);
  }

  private String url(String host) {
    return "https://" + host + ":" + server.getAddress().getPort() + "/v.mp4";
  }

  @Test
  void theCertificateIsCheckedAgainstTheUrlsHostNameWhileTheConnectionGoesToTheJudgedAddress()
      throws Exception {
    try (VideoDownloader downloader = downloader("video.test", trustingTheTestCertificate)) {
      StoredVideo stored = downloader.download(url("video.test"), "v.mp4", null, false);

      assertThat(Files.readAllBytes(Path.of(stored.path()))).isEqualTo(VIDEO);
      assertThat(served.get()).isEqualTo(1);
    }
  }

  @Test
  void aCertificateForAnotherNameIsRejected() {
    try (VideoDownloader downloader = downloader("elsewhere.test", trustingTheTestCertificate)) {
      assertThatThrownBy(() -> downloader.download(url("elsewhere.test"), "v.mp4", null, false))
          .isInstanceOfSatisfying(
              DownloadException.class,
              e -> assertThat(e).hasRootCauseInstanceOf(SSLPeerUnverifiedException.class))
          .hasMessageContaining("elsewhere.test");
    }
    assertThat(served.get()).isZero();
  }

  @Test
  void anUntrustedCertificateIsRejectedByDefault() {
    try (VideoDownloader downloader = downloader("video.test", null)) {
      assertThatThrownBy(() -> downloader.download(url("video.test"), "v.mp4", null, false))
          .isInstanceOfSatisfying(
              DownloadException.class, e -> assertThat(e).hasCauseInstanceOf(SSLException.class));
    }
    assertThat(served.get()).isZero();
  }
}
