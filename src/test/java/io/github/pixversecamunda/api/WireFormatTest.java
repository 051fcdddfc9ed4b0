package io.github.pixversecamunda.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WireFormatTest {

  private final ObjectMapper json = new ObjectMapper();

  private TaskStatus parse(String answer) throws Exception {
    return WireFormat.parseStatus("t1", json.readTree(answer), answer);
  }

  @Test
  void requestBodyUsesTheApiFieldNames() throws Exception {
    GenerationRequest request =
        GenerationRequest.builder()
            .prompt("a dragon")
            .imageUrl("https://example.org/a.png")
            .resolution(Resolution.P1080)
            .duration(VideoDuration.S8)
            .aspectRatio(AspectRatio.R16_9)
            .generateAudio(true)
            .thinkingType(ThinkingType.ENABLED)
            .negativePrompt("blur")
            .seed(7L)
            .build();

    JsonNode body = WireFormat.toBody(request, json);

    assertThat(json.readTree(body.toString()))
        .isEqualTo(
            json.readTree(
                """
        {"model":"pixverse-5-6","prompt":"a dragon","image":"https://example.org/a.png",
         "resolution":"1080p","duration":8,"resolution_ratio":"16:9","generate_audio_switch":true,
         "thinking_type":"enabled","negative_prompt":"blur","seed":7}"""));
    assertThat(WireFormat.fromBody(body).validate()).isEqualTo(request);
  }

  @Test
  void optionalFieldsAreLeftOutWhenNotGiven() {
    JsonNode body = WireFormat.toBody(GenerationRequest.builder().prompt("p").build(), json);

    assertThat(body.fieldNames())
        .toIterable()
        .containsExactly(
            "model", "prompt", "resolution", "duration", "generate_audio_switch", "thinking_type");
  }

  @Test
  void readsTheDocumentedSubmitAnswerAndTheOlderFlatOne() throws Exception {
    JsonNode envelope =
        json.readTree(
            "{\"code\":200,\"message\":\"success\",\"data\":{\"task_id\":\"n65x_pixverse\",\"status\":\"IN_PROGRESS\"}}");
    JsonNode flat = json.readTree("{\"id\":\"task_abc123\",\"status\":\"pending\"}");

    assertThat(WireFormat.taskId(envelope)).contains("n65x_pixverse");
    assertThat(WireFormat.status(envelope)).contains("IN_PROGRESS");
    assertThat(WireFormat.taskId(flat)).contains("task_abc123");
  }

  @ParameterizedTest
  @CsvSource({
    "IN_PROGRESS,RUNNING",
    "pending,RUNNING",
    "processing,RUNNING",
    "queued,RUNNING",
    "something_new,RUNNING",
    "completed,COMPLETED",
    "COMPLETED,COMPLETED",
    "success,COMPLETED",
    "Succeeded,COMPLETED",
    "failed,FAILED",
    "FAILED,FAILED",
    "error,FAILED",
    "cancelled,FAILED"
  })
  void normalisesStatusWordsInAnyCaseAndUnknownMeansRunning(String word, TaskState state) {
    assertThat(WireFormat.state(word)).isEqualTo(state);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"code\":200,\"data\":{\"status\":\"completed\",\"output\":{\"video_url\":\"https://cdn.x/v.mp4\"}}}",
        "{\"code\":200,\"data\":{\"status\":\"completed\",\"video_url\":\"https://cdn.x/v.mp4\"}}",
        "{\"code\":200,\"data\":{\"status\":\"COMPLETED\",\"output\":{\"url\":\"https://cdn.x/v.mp4\"}}}",
        "{\"code\":200,\"data\":{\"status\":\"success\",\"url\":\"https://cdn.x/v.mp4\"}}",
        "{\"code\":200,\"data\":{\"status\":\"completed\",\"output\":[\"https://cdn.x/v.mp4\"]}}",
        "{\"code\":200,\"data\":{\"status\":\"completed\",\"output\":[{\"url\":\"https://cdn.x/v.mp4\"}]}}",
        "{\"code\":200,\"data\":{\"status\":\"completed\",\"output\":\"https://cdn.x/v.mp4\"}}",
        "{\"status\":\"completed\",\"video_url\":\"https://cdn.x/v.mp4\"}",
        "{\"status\":\"completed\",\"output\":{\"video_url\":\"https://cdn.x/v.mp4\"}}"
      })
  void findsTheVideoUrlInEveryKnownPlace(String answer) throws Exception {
    TaskStatus status = parse(answer);

    assertThat(status.state()).isEqualTo(TaskState.COMPLETED);
    assertThat(status.videoUrl()).isEqualTo("https://cdn.x/v.mp4");
    assertThat(status.rawAnswer()).isEqualTo(answer);
  }

  @Test
  void completedWithoutUrlKeepsTheRawAnswer() throws Exception {
    TaskStatus status =
        parse("{\"data\":{\"status\":\"completed\",\"result\":{\"file\":\"v.mp4\"}}}");

    assertThat(status.state()).isEqualTo(TaskState.COMPLETED);
    assertThat(status.videoUrl()).isNull();
    assertThat(status.rawAnswer()).contains("v.mp4");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"data\":{\"status\":\"failed\",\"error\":\"model crashed\"}}|model crashed",
        "{\"data\":{\"status\":\"failed\",\"error\":{\"message\":\"model crashed\"}}}|model crashed",
        "{\"data\":{\"status\":\"FAILED\",\"fail_reason\":\"model crashed\"}}|model crashed",
        "{\"status\":\"failed\",\"error\":{\"message\":\"model crashed\"}}|model crashed",
        "{\"code\":200,\"message\":\"model crashed\",\"data\":{\"status\":\"failed\"}}|model crashed",
        "{\"data\":{\"status\":\"error\"}}|no reason given"
      })
  void findsTheFailureReason(String answer, String reason) throws Exception {
    TaskStatus status = parse(answer);

    assertThat(status.state()).isEqualTo(TaskState.FAILED);
    assertThat(status.failureReason()).isEqualTo(reason);
    assertThat(status.contentRejected()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"data\":{\"status\":\"failed\",\"error\":\"Content moderation failed\"}}",
        "{\"data\":{\"status\":\"failed\",\"fail_reason\":\"prompt violates our content policy\"}}",
        "{\"data\":{\"status\":\"failed\",\"error\":\"NSFW content detected\"}}"
      })
  void tellsContentRejectionApart(String answer) throws Exception {
    assertThat(parse(answer).contentRejected()).isTrue();
  }

  @Test
  void runningWhenNoStatusIsGiven() throws Exception {
    assertThat(parse("{\"code\":200,\"data\":{}}").state()).isEqualTo(TaskState.RUNNING);
  }
}
