package io.github.pixversecamunda.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A stand-in for the documents endpoint of Camunda's Orchestration Cluster REST API ({@code POST
 * /v2/documents}), following its published description: a multipart/form-data body with the parts
 * {@code file} (the content) and {@code metadata} (JSON: contentType, fileName, expiresAt,
 * customProperties...), the query parameters {@code storeId} and {@code documentId}; 201 with a
 * document reference ({@code camunda.document.type}, storeId, documentId, contentHash, metadata),
 * or an RFC 9457 problem ({@code application/problem+json}) for a store that does not exist. The
 * in-memory test engine has no REST API; this is not a live cluster.
 */
public final class DocumentEndpoint implements AutoCloseable {

  /** One document as the endpoint received it. */
  public record Received(
      String storeId, Map<String, Object> metadata, long size, String sha256, List<String> parts) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Set<String> stores;
  private final String defaultStore;
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

  public DocumentEndpoint(String defaultStore, Set<String> stores) {
    this.defaultStore = defaultStore;
    this.stores = stores;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/v2/documents", this::create);
    server.start();
  }

  public URI restAddress() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  private void create(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        problem(exchange, 405, "Method Not Allowed", "Only POST creates documents");
        return;
      }
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      String storeId = query.getOrDefault("storeId", defaultStore);
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (contentType == null || !contentType.startsWith("multipart/form-data")) {
        problem(exchange, 415, "Unsupported Media Type", "Expected multipart/form-data");
        return;
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (!stores.contains(storeId)) {
        problem(
            exchange,
            400,
            "INVALID_ARGUMENT",
            "Document store with id '" + storeId + "' does not exist");
        return;
      }
      String boundary = contentType.substring(contentType.indexOf("boundary=") + 9).trim();
      Map<String, byte[]> parts = parts(body, boundary);
      byte[] file = parts.get("file");
      if (file == null) {
        problem(exchange, 400, "Bad Request", "Required part 'file' is not present.");
        return;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> metadata =
          parts.containsKey("metadata")
              ? JSON.readValue(parts.get("metadata"), Map.class)
              : new LinkedHashMap<>();
      String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
      received.add(
          new Received(storeId, metadata, file.length, sha256, List.copyOf(parts.keySet())));
      Map<String, Object> answerMetadata = new LinkedHashMap<>(metadata);
      answerMetadata.put("size", file.length);
      Map<String, Object> reference = new LinkedHashMap<>();
      reference.put("camunda.document.type", "camunda");
      reference.put("storeId", storeId);
      reference.put("documentId", query.getOrDefault("documentId", UUID.randomUUID().toString()));
      reference.put("contentHash", sha256);
      reference.put("metadata", answerMetadata);
      send(exchange, 201, "application/json", JSON.writeValueAsBytes(reference));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void problem(HttpExchange exchange, int status, String title, String detail)
      throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", title);
    problem.put("status", status);
    problem.put("detail", detail);
    problem.put("instance", "/v2/documents");
    send(exchange, status, "application/problem+json", JSON.writeValueAsBytes(problem));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          query.put(
              java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return query;
  }

  /** The named parts of a multipart/form-data body (RFC 7578). */
  private static Map<String, byte[]> parts(byte[] body, String boundary) {
    Map<String, byte[]> parts = new LinkedHashMap<>();
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int at = indexOf(body, delimiter, 0);
    while (at >= 0) {
      int start = at + delimiter.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        break; // the closing delimiter
      }
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
      int next = indexOf(body, delimiter, headersEnd);
      String headers = new String(body, start, headersEnd - start, StandardCharsets.ISO_8859_1);
      int nameAt = headers.indexOf("name=\"");
      String name = headers.substring(nameAt + 6, headers.indexOf('"', nameAt + 6));
      int contentStart = headersEnd + 4;
      int contentEnd = next - 2; // the CRLF before the delimiter
      byte[] content = new byte[contentEnd - contentStart];
      System.arraycopy(body, contentStart, content, 0, content.length);
      parts.put(name, content);
      at = next;
    }
    return parts;
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = Math.max(from, 0); i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
