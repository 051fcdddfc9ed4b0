package io.github.pixversecamunda.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's own contract, spoken to with a plain HTTP client (not this library's). */
class PixverseSimulatorTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private PixverseSimulator simulator;

  @BeforeEach
  void start() {
    simulator = new PixverseSimulator().generationTime(Duration.ofMillis(300)).start();
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private HttpResponse<String> post(String body, String key) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/videos/generations"))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode get(String url) throws Exception {
    return json.readTree(
        http.send(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + simulator.apiKey())
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }

  @Test
  void answersLikeTheApiPageAndCompletesAfterTheGenerationTime() throws Exception {
    HttpResponse<String> created =
        post(
            "{\"model\":\"pixverse-5-6\",\"prompt\":\"a dragon\",\"resolution\":\"720p\",\"duration\":5}",
            simulator.apiKey());
    JsonNode answer = json.readTree(created.body());
    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(answer.path("code").asInt()).isEqualTo(200);
    assertThat(answer.path("message").asText()).isEqualTo("success");
    assertThat(answer.path("data").path("status").asText()).isEqualTo("IN_PROGRESS");
    String id = answer.path("data").path("task_id").asText();

    assertThat(get(simulator.baseUrl() + "/tasks/" + id).path("data").path("status").asText())
        .isEqualTo("IN_PROGRESS");
    Thread.sleep(400);
    JsonNode done = get(simulator.baseUrl() + "/tasks/" + id);
    assertThat(done.path("data").path("status").asText()).isEqualTo("completed");
    String videoUrl = done.path("data").path("output").path("video_url").asText();

    HttpResponse<byte[]> video =
        http.send(
            HttpRequest.newBuilder(URI.create(videoUrl)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(video.headers().firstValue("Content-Type")).contains("video/mp4");
    assertThat(video.body()).isEqualTo(simulator.sampleVideo());
    // A real MP4 starts with an ftyp box.
    assertThat(new String(video.body(), 4, 4, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("ftyp");
    assertThat(simulator.requests(Endpoint.SUBMIT)).isEqualTo(1);
    assertThat(simulator.requests(Endpoint.STATUS)).isEqualTo(2);
    assertThat(simulator.requests(Endpoint.DOWNLOAD)).isEqualTo(1);
    assertThat(simulator.tasksCreated()).isEqualTo(1);
    assertThat(simulator.creditsSpent()).isEqualTo(90);
  }

  @Test
  void validatesLikeTheApiWithItsErrorBody() throws Exception {
    HttpResponse<String> answer =
        post(
            "{\"model\":\"pixverse-5-6\",\"prompt\":\"a\",\"resolution\":\"4k\",\"duration\":7}",
            simulator.apiKey());

    assertThat(answer.statusCode()).isEqualTo(400);
    JsonNode error = json.readTree(answer.body()).path("error");
    assertThat(error.path("code").asInt()).isEqualTo(400);
    assertThat(error.path("type").asText()).isEqualTo("invalid_request");
    assertThat(error.path("message").asText())
        .contains("Invalid parameters")
        .contains("resolution")
        .contains("duration");
    assertThat(simulator.tasksCreated()).isZero();
  }

  @Test
  void checksTheBearerKey() throws Exception {
    HttpResponse<String> answer =
        post("{\"model\":\"pixverse-5-6\",\"prompt\":\"a\"}", "aio_other");

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(json.readTree(answer.body()).path("error").path("message").asText())
        .isEqualTo("Invalid API key");
    assertThat(simulator.tasksCreated()).isZero();
  }

  @Test
  void faultsApplyToTheGivenCountThenStop() throws Exception {
    simulator.inject(Endpoint.SUBMIT, 2, Fault.status(429, Duration.ofSeconds(3)));
    String body = "{\"model\":\"pixverse-5-6\",\"prompt\":\"a\"}";

    HttpResponse<String> first = post(body, simulator.apiKey());
    HttpResponse<String> second = post(body, simulator.apiKey());
    HttpResponse<String> third = post(body, simulator.apiKey());

    assertThat(first.statusCode()).isEqualTo(429);
    assertThat(first.headers().firstValue("Retry-After")).contains("3");
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(third.statusCode()).isEqualTo(200);
    assertThat(simulator.requests(Endpoint.SUBMIT)).isEqualTo(3);
    assertThat(simulator.tasksCreated()).isEqualTo(1);
  }

  @Test
  void servesGeneratedFilesOfAnySize() throws Exception {
    HttpResponse<byte[]> file =
        http.send(
            HttpRequest.newBuilder(URI.create(simulator.fileUrl("bytes-100000.mp4"))).build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body()).hasSize(100_000);
  }
}
