package io.github.pixversecamunda.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenerationInputTest {

  private static GenerationInput input(Map<String, Object> values) {
    return GenerationInput.fromMap(values);
  }

  private static InvalidInputException invalid(Map<String, Object> values) {
    try {
      input(values).validate();
    } catch (InvalidInputException e) {
      return e;
    }
    throw new AssertionError("expected the input to be rejected: " + values);
  }

  @Test
  void appliesTheApiDefaults() {
    GenerationRequest request = input(Map.of("prompt", "a dragon")).validate();

    assertThat(request.resolution()).isEqualTo(Resolution.P720);
    assertThat(request.duration()).isEqualTo(VideoDuration.S5);
    assertThat(request.thinkingType()).isEqualTo(ThinkingType.AUTO);
    assertThat(request.generateAudio()).isFalse();
    assertThat(request.aspectRatio()).isNull();
    assertThat(request.imageUrl()).isNull();
    assertThat(request.seed()).isNull();
  }

  @Test
  void acceptsValuesAsTheyComeFromProcessVariablesAndTemplates() {
    Map<String, Object> values = new HashMap<>();
    values.put("prompt", "a dragon");
    values.put("imageUrl", "https://example.org/castle.png");
    values.put("resolution", "1080P");
    values.put("duration", "10");
    values.put("aspectRatio", "9:16");
    values.put("generateAudio", "true");
    values.put("thinkingType", "disabled");
    values.put("negativePrompt", "blur");
    values.put("seed", 42.0);

    GenerationRequest request = input(values).validate();

    assertThat(request.resolution()).isEqualTo(Resolution.P1080);
    assertThat(request.duration()).isEqualTo(VideoDuration.S10);
    assertThat(request.aspectRatio()).isEqualTo(AspectRatio.R9_16);
    assertThat(request.generateAudio()).isTrue();
    assertThat(request.thinkingType()).isEqualTo(ThinkingType.DISABLED);
    assertThat(request.seed()).isEqualTo(42L);
    assertThat(request.imageToVideo()).isTrue();
    assertThat(request.negativePrompt()).isEqualTo("blur");
  }

  @Test
  void blankOptionalFieldsMeanNotGiven() {
    Map<String, Object> values = new HashMap<>();
    values.put("prompt", "a dragon");
    values.put("imageUrl", "");
    values.put("resolution", " ");
    values.put("seed", "");
    values.put("aspectRatio", null);

    GenerationRequest request = input(values).validate();

    assertThat(request.imageUrl()).isNull();
    assertThat(request.resolution()).isEqualTo(Resolution.P720);
    assertThat(request.seed()).isNull();
  }

  @Test
  void reportsEveryBadFieldAtOnceWithTheAllowedValues() {
    Map<String, Object> values = new HashMap<>();
    values.put("prompt", " ");
    values.put("imageUrl", "ftp://example.org/a.png");
    values.put("resolution", "4k");
    values.put("duration", 7);
    values.put("aspectRatio", "21:9");
    values.put("generateAudio", "loud");
    values.put("thinkingType", "deep");
    values.put("negativePrompt", "x".repeat(2049));
    values.put("seed", -1);

    InvalidInputException e = invalid(values);

    assertThat(e.violations())
        .extracting(Violation::field)
        .containsExactly(
            "prompt",
            "imageUrl",
            "resolution",
            "duration",
            "aspectRatio",
            "thinkingType",
            "generateAudio",
            "negativePrompt",
            "seed");
    assertThat(e.getMessage())
        .contains("resolution: '4k' is not allowed; allowed values: 360p, 540p, 720p, 1080p")
        .contains("duration: '7' is not allowed; allowed values: 5, 8, 10")
        .contains("aspectRatio: '21:9' is not allowed; allowed values: 16:9, 4:3, 1:1, 3:4, 9:16")
        .contains("thinkingType: 'deep' is not allowed; allowed values: enabled, disabled, auto")
        .contains("generateAudio: 'loud' is not allowed; allowed values: true, false")
        .contains("seed: '-1' is not allowed; allowed values: a whole number from 0 to 2147483647")
        .contains("prompt: must not be empty")
        .contains("negativePrompt: is 2049 characters long; at most 2048 are allowed")
        .contains("no credit spent");
  }

  @Test
  void promptLimitIs2048Characters() {
    assertThat(input(Map.of("prompt", "x".repeat(2048))).validate().prompt()).hasSize(2048);
    assertThat(invalid(Map.of("prompt", "x".repeat(2049))).violations())
        .containsExactly(
            new Violation("prompt", "is 2049 characters long; at most 2048 are allowed"));
    assertThat(invalid(Map.of()).violations())
        .extracting(Violation::field)
        .containsExactly("prompt");
  }

  @Test
  void imageMustBeAnAbsoluteHttpUrl() {
    for (String bad :
        new String[] {
          "castle.png",
          "/images/castle.png",
          "file:///etc/passwd",
          "http://",
          "javascript:alert(1)",
          "https://exa mple.org/x"
        }) {
      assertThat(invalid(Map.of("prompt", "p", "imageUrl", bad)).violations())
          .as(bad)
          .extracting(Violation::field)
          .containsExactly("imageUrl");
    }
    assertThat(
            input(Map.of("prompt", "p", "imageUrl", "http://example.org/a.png?x=1"))
                .validate()
                .imageUrl())
        .hasToString("http://example.org/a.png?x=1");
  }

  @Test
  void seedRangeIsZeroToIntMax() {
    assertThat(input(Map.of("prompt", "p", "seed", 0)).validate().seed()).isZero();
    assertThat(input(Map.of("prompt", "p", "seed", "2147483647")).validate().seed())
        .isEqualTo(2147483647L);
    assertThat(invalid(Map.of("prompt", "p", "seed", 2147483648L)).violations()).hasSize(1);
    assertThat(invalid(Map.of("prompt", "p", "seed", 1.5)).violations()).hasSize(1);
    assertThat(invalid(Map.of("prompt", "p", "seed", "abc")).violations()).hasSize(1);
  }

  @Test
  void durationAcceptsWholeNumbersInAnyNumericForm() {
    assertThat(input(Map.of("prompt", "p", "duration", 8L)).validate().duration())
        .isEqualTo(VideoDuration.S8);
    assertThat(input(Map.of("prompt", "p", "duration", "8.0")).validate().duration())
        .isEqualTo(VideoDuration.S8);
    assertThat(invalid(Map.of("prompt", "p", "duration", 8.5)).violations()).hasSize(1);
  }

  @Test
  void builderRunsTheSameChecks() {
    assertThatThrownBy(() -> GenerationRequest.builder().prompt("").seed(-5L).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("prompt: must not be empty")
        .hasMessageContaining("seed: '-5'");
    assertThat(
            GenerationRequest.builder()
                .prompt("p")
                .resolution(Resolution.P360)
                .build()
                .resolution())
        .isEqualTo(Resolution.P360);
  }
}
