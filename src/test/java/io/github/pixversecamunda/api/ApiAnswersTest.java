package io.github.pixversecamunda.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each answer means, without a server: the rules that decide whether a task is paid. */
class ApiAnswersTest {

  private static final String KEY = "aio_secret_key";
  private final ApiAnswers answers =
      new ApiAnswers(new ObjectMapper(), text -> text.replace(KEY, "****"));

  private static ApiAnswers.Reply reply(int status, String body) {
    return new ApiAnswers.Reply(status, body, null, null);
  }

  private PixverseApiException submitFails(ApiAnswers.Reply reply) {
    try {
      answers.submitted(reply);
    } catch (PixverseApiException e) {
      return e;
    }
    throw new AssertionError("expected the submit answer to be a failure");
  }

  @Test
  void anAnswerThatNamesATaskIsThatTaskWhateverCodeItCarries() {
    SubmittedTask task =
        answers.submitted(
            reply(
                200,
                "{\"code\":500,\"message\":\"internal error, please retry\","
                    + "\"data\":{\"task_id\":\"n65_pixverse\",\"status\":\"IN_PROGRESS\"}}"));

    assertThat(task.taskId()).isEqualTo("n65_pixverse");
  }

  @Test
  void aFailureStatusThatNamesATaskIsAnUnknownOutcomeNeverNoTaskCreated() {
    PixverseApiException e =
        submitFails(
            reply(500, "{\"error\":{\"code\":500},\"data\":{\"task_id\":\"n65_pixverse\"}}"));

    assertThat(e.kind()).isEqualTo(ErrorKind.OUTCOME_UNKNOWN);
    assertThat(e.kind().mayHaveCreatedTask()).isTrue();
    assertThat(e.getMessage()).contains("n65_pixverse").contains("a paid task may exist");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "200|{\"code\":500044,\"message\":\"too many\",\"data\":null}",
        "200|{\"error\":{\"code\":500044,\"message\":\"limit\"}}",
        "400|{\"error\":{\"code\":400,\"message\":\"Concurrent generation limit reached\"}}",
        "403|{\"error\":{\"code\":500044,\"message\":\"no\"}}",
        "500|{\"code\":500044,\"message\":\"busy\"}",
        "429|{\"error\":{\"code\":429,\"message\":\"You have too many running tasks\"}}"
      })
  void everyShapeOfTheConcurrencyLimitIsALimitNotAFault(int status, String body) {
    PixverseApiException e = submitFails(reply(status, body));

    assertThat(e.kind()).isEqualTo(ErrorKind.CONCURRENCY_LIMITED);
    assertThat(e.kind().isAccountLimit()).isTrue();
    assertThat(e.kind().mayHaveCreatedTask()).isFalse();
  }

  @Test
  void aRateLimitIsALimitToo() {
    assertThat(submitFails(reply(429, "{\"error\":{\"code\":429,\"message\":\"slow\"}}")).kind())
        .isEqualTo(ErrorKind.RATE_LIMITED)
        .matches(ErrorKind::isAccountLimit);
  }

  @Test
  void aRedirectAfterASubmitMayHideAnAcceptedOne() {
    PixverseApiException e =
        submitFails(new ApiAnswers.Reply(302, "", null, "https://elsewhere.example/login"));

    assertThat(e.kind()).isEqualTo(ErrorKind.OUTCOME_UNKNOWN);
    assertThat(e.getMessage()).contains("redirect").contains("https://elsewhere.example/login");
  }

  @Test
  void aRedirectOfAStatusCheckIsATransientFaultThatNamesTheTask() {
    assertThatThrownBy(
            () ->
                answers.status(
                    "n65_pixverse", new ApiAnswers.Reply(301, "", null, "http://x.example/")))
        .isInstanceOfSatisfying(
            PixverseApiException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
              assertThat(e.kind().isTransient()).isTrue();
              assertThat(e.taskId()).contains("n65_pixverse");
            });
  }

  @ParameterizedTest
  @CsvSource({"..", ".", "a/b", "'a\nb'", "' lead'", "a..b"})
  void aTaskIdThatCannotBeUsedSafelyIsThePaidTaskNotAnInvalidInput(String id) {
    PixverseApiException e =
        submitFails(
            reply(
                200,
                "{\"code\":200,\"data\":{\"task_id\":"
                    + new ObjectMapper().valueToTree(id)
                    + "}}"));

    assertThat(e.kind()).isEqualTo(ErrorKind.OUTCOME_UNKNOWN);
    assertThat(e.getMessage()).contains("cannot be used safely").doesNotContain("\n");
  }

  @Test
  void anUnreadableAnswerSaysWhyNotMerelyThatItIsNoObject() {
    PixverseApiException e = submitFails(reply(200, "{\"code\":200,\"data\":{\"task_id\":\"a"));

    assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
    assertThat(e.getMessage()).contains("cannot be read as JSON");
  }

  @Test
  void theKeyEchoedInAnErrorMessageIsRedacted() {
    PixverseApiException e =
        submitFails(
            reply(400, "{\"error\":{\"code\":400,\"message\":\"bad header Bearer " + KEY + "\"}}"));

    assertThat(e.getMessage()).contains("Bearer ****").doesNotContain(KEY);
  }

  @Test
  void aRawAnswerIsKeptToABoundedSize() {
    String big =
        "{\"code\":200,\"data\":{\"status\":\"completed\",\"p\":\"" + "z".repeat(50_000) + "\"}}";

    TaskStatus status = answers.status("n65_pixverse", reply(200, big));

    assertThat(status.rawAnswer().length()).isLessThan(WireFormat.RAW_ANSWER_LIMIT + 100);
    assertThat(status.rawAnswer()).endsWith("characters in all)");
  }

  @ParameterizedTest
  @CsvSource({"99999999999,PT10M", "601,PT10M", "7,PT7S", "0,PT0S"})
  void retryAfterIsCapped(String header, String expected) {
    assertThat(ApiAnswers.retryAfter(header)).isEqualTo(Duration.parse(expected));
  }
}
