package io.github.pixversecamunda.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A value's type is checked before its text: a list or an object is never sent as a field. */
class GenerationInputTypesTest {

  private static InvalidInputException refused(Map<String, Object> values) {
    try {
      GenerationInput.fromMap(values).validate();
    } catch (InvalidInputException e) {
      return e;
    }
    throw new AssertionError("expected " + values + " to be refused");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "prompt",
        "imageUrl",
        "resolution",
        "aspectRatio",
        "thinkingType",
        "negativePrompt"
      })
  void aTextFieldRefusesAListAndAnObject(String field) {
    for (Object wrong : List.of(List.of("a red fox", "snow"), Map.of("text", "a red fox"))) {
      Map<String, Object> values = new HashMap<>(Map.of("prompt", "A fox"));
      values.put(field, wrong);

      assertThat(refused(values).violations())
          .singleElement()
          .satisfies(
              v -> {
                assertThat(v.field()).isEqualTo(field);
                assertThat(v.message()).startsWith("must be text, not a");
              });
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"duration", "seed", "generateAudio"})
  void aNumberOrSwitchFieldRefusesAList(String field) {
    Map<String, Object> values = new HashMap<>(Map.of("prompt", "A fox"));
    values.put(field, List.of(5));

    assertThat(refused(values).violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo(field);
              assertThat(v.message()).endsWith("not a list");
            });
  }

  @Test
  void aNumberIsNotAPrompt() {
    assertThat(refused(Map.of("prompt", 42)).getMessage()).contains("prompt: must be text");
  }

  @Test
  void theTypesThatFitStillPass() {
    GenerationRequest request =
        GenerationInput.fromMap(
                Map.of("prompt", "A fox", "duration", 8, "seed", "7", "generateAudio", true))
            .validate();

    assertThat(request.prompt()).isEqualTo("A fox");
    assertThat(request.duration()).isEqualTo(VideoDuration.S8);
    assertThat(request.seed()).isEqualTo(7L);
    assertThatThrownBy(() -> GenerationInput.fromMap(Map.of()).validate())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("prompt: must not be empty");
  }
}
