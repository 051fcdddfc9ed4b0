package io.github.pixversecamunda.benchmark.blocking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

/**
 * The submit as a Camunda user would usually write it: a {@code @JobWorker} method that calls the
 * API synchronously and returns the task id, on the starter's default settings. Benchmark only.
 */
@SpringBootApplication
public class BlockingSubmitApplication {

  public static final String JOB_TYPE = "bench-blocking-submit";

  @Component
  public static class SubmitWorker {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String baseUrl;
    private final String apiKey;

    public SubmitWorker(
        @Value("${bench.base-url}") String baseUrl, @Value("${bench.api-key}") String apiKey) {
      this.baseUrl = baseUrl;
      this.apiKey = apiKey;
    }

    @JobWorker(type = JOB_TYPE, fetchVariables = "prompt")
    public Map<String, Object> submit(@Variable String prompt) throws Exception {
      String body =
          json.writeValueAsString(
              Map.of(
                  "model", "pixverse-5-6", "prompt", prompt, "resolution", "720p", "duration", 5));
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(baseUrl + "/videos/generations"))
                  .header("Authorization", "Bearer " + apiKey)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("submit failed: HTTP " + response.statusCode());
      }
      JsonNode answer = json.readTree(response.body());
      return Map.of("taskId", answer.path("data").path("task_id").asText());
    }
  }
}
