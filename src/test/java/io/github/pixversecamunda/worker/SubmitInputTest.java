package io.github.pixversecamunda.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pixversecamunda.api.InvalidInputException;
import io.github.pixversecamunda.api.Violation;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The submit job's inputs are checked together, before anything is sent. */
class SubmitInputTest {

  @Test
  void modeAndBudgetAreCheckedWithTheGenerationInOneReport() {
    assertThatThrownBy(
            () ->
                SubmitInput.read(
                    Map.of(
                        "prompt", "", "mode", "video", "maxCredits", "lots", "resolution", "8k")))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::field)
                    .containsExactly("prompt", "resolution", "mode", "maxCredits"));
  }

  @Test
  void budgetMustBeAWholeNumberOfCredits() {
    assertThat(SubmitInput.read(Map.of("prompt", "p", "maxCredits", "150")).maxCredits())
        .isEqualTo(150);
    assertThat(SubmitInput.read(Map.of("prompt", "p", "maxCredits", 90.0)).maxCredits())
        .isEqualTo(90);
    for (Object bad : new Object[] {"1.5", 89.9, -1, "lots"}) {
      assertThatThrownBy(() -> SubmitInput.read(Map.of("prompt", "p", "maxCredits", bad)))
          .as(String.valueOf(bad))
          .isInstanceOfSatisfying(
              InvalidInputException.class,
              e ->
                  assertThat(e.violations())
                      .extracting(Violation::field)
                      .containsExactly("maxCredits"));
    }
  }

  @Test
  void textModeIgnoresAnImageUrlInScope() {
    assertThat(
            SubmitInput.read(
                    Map.of("prompt", "p", "mode", "text", "imageUrl", "https://example.org/a.png"))
                .request()
                .imageUrl())
        .isNull();
    assertThat(
            SubmitInput.read(Map.of("prompt", "p", "imageUrl", "https://example.org/a.png")).mode())
        .isEqualTo(SubmitInput.Mode.IMAGE);
  }

  @Test
  void modeIsReadInAnyCaseAndNamesItsAllowedValuesWhenWrong() {
    assertThat(SubmitInput.read(Map.of("prompt", "p", "mode", "TEXT")).mode())
        .isEqualTo(SubmitInput.Mode.TEXT);
    assertThatThrownBy(() -> SubmitInput.read(Map.of("prompt", "p", "mode", "video")))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.violations())
                    .singleElement()
                    .satisfies(
                        v -> {
                          assertThat(v.field()).isEqualTo(Variables.MODE);
                          assertThat(v.message()).contains("'video'", "text, image");
                        }));
  }

  @Test
  void anImageTaskNeedsItsImageUrl() {
    assertThatThrownBy(() -> SubmitInput.read(Map.of("prompt", "p", "mode", "image")))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::field)
                    .containsExactly("imageUrl"));
  }

  @Test
  void theParametersAreTheModelAndTheGenerationAsSent() {
    SubmitInput input = SubmitInput.read(Map.of("prompt", "A fox", "seed", 7));
    assertThat(input.parameters())
        .containsEntry("prompt", "A fox")
        .containsEntry("seed", 7L)
        .containsEntry("model", "pixverse-5-6")
        .doesNotContainKey("imageUrl");
  }
}
