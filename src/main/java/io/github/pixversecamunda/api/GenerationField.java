package io.github.pixversecamunda.api;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The generation fields of PixVerse 5.6, stated once: the name users see (process variable,
 * template input, error messages), the name API in One reads on the wire, the allowed values, the
 * API's default and whether the field changes the price. Validation messages, the request body, the
 * result echo, the submit worker's fetch list, the local run's options and the template contract
 * test are all derived from this table; adding a PixVerse parameter starts here.
 */
// Immutable in fact: the choices are unmodifiable lists (List.of, Stream.toList) and each value
// function is a stateless accessor of the request record; the checker cannot see either.
@SuppressWarnings("ImmutableEnumChecker")
public enum GenerationField {
  /** The text of the video; required. */
  PROMPT(
      "prompt",
      "prompt",
      "text of 1 to " + GenerationInput.MAX_PROMPT_LENGTH + " characters",
      null,
      false,
      GenerationRequest::prompt),
  /** A reference image; present, the generation is image-to-video. */
  IMAGE_URL(
      "imageUrl",
      "image",
      "an absolute http:// or https:// URL (switches to image-to-video)",
      null,
      false,
      r -> r.imageUrl() == null ? null : r.imageUrl().toString()),
  /** The video's resolution; it sets the base price. */
  RESOLUTION(
      "resolution",
      "resolution",
      Resolution.class,
      Resolution.DEFAULT,
      true,
      r -> r.resolution().wire()),
  /** The video's length in seconds; 8 and 10 double the price. */
  DURATION(
      "duration",
      "duration",
      VideoDuration.class,
      VideoDuration.DEFAULT,
      true,
      r -> r.duration().seconds()),
  /** The picture's shape; absent, the API chooses. */
  ASPECT_RATIO(
      "aspectRatio",
      "resolution_ratio",
      AspectRatio.class,
      null,
      false,
      r -> r.aspectRatio() == null ? null : r.aspectRatio().wire()),
  /** Whether PixVerse adds a sound track; it doubles the price. */
  GENERATE_AUDIO(
      "generateAudio",
      "generate_audio_switch",
      "true, false",
      "false",
      true,
      GenerationRequest::generateAudio),
  /** PixVerse's thinking mode (deeper scene understanding). */
  THINKING_TYPE(
      "thinkingType",
      "thinking_type",
      ThinkingType.class,
      ThinkingType.DEFAULT,
      false,
      r -> r.thinkingType().wire()),
  /** What the video should not show. */
  NEGATIVE_PROMPT(
      "negativePrompt",
      "negative_prompt",
      "text of at most " + GenerationInput.MAX_PROMPT_LENGTH + " characters",
      null,
      false,
      GenerationRequest::negativePrompt),
  /** A fixed seed, to repeat a generation; absent, a random one. */
  SEED(
      "seed",
      "seed",
      "a whole number from 0 to " + GenerationInput.MAX_SEED,
      null,
      false,
      GenerationRequest::seed);

  private final String variable;
  private final String wire;
  private final List<String> choices;
  private final String allowed;
  private final @Nullable String defaultValue;
  private final boolean affectsCredits;
  private final Function<GenerationRequest, @Nullable Object> value;

  <E extends Enum<E> & WireValue> GenerationField(
      String variable,
      String wire,
      Class<E> choices,
      @Nullable E defaultValue,
      boolean affectsCredits,
      Function<GenerationRequest, @Nullable Object> value) {
    this(
        variable,
        wire,
        WireValue.allowed(choices),
        String.join(", ", WireValue.allowed(choices)),
        defaultValue == null ? null : defaultValue.wire(),
        affectsCredits,
        value);
  }

  GenerationField(
      String variable,
      String wire,
      String allowed,
      @Nullable String defaultValue,
      boolean affectsCredits,
      Function<GenerationRequest, @Nullable Object> value) {
    this(variable, wire, List.of(), allowed, defaultValue, affectsCredits, value);
  }

  GenerationField(
      String variable,
      String wire,
      List<String> choices,
      String allowed,
      @Nullable String defaultValue,
      boolean affectsCredits,
      Function<GenerationRequest, @Nullable Object> value) {
    this.variable = variable;
    this.wire = wire;
    this.choices = List.copyOf(choices);
    this.allowed = allowed;
    this.defaultValue = defaultValue;
    this.affectsCredits = affectsCredits;
    this.value = value;
  }

  /**
   * {@return the name users see: process variable, template input, local-run option and error
   * messages}
   */
  public String variable() {
    return variable;
  }

  /** {@return the request body's field name at API in One} */
  public String wire() {
    return wire;
  }

  /**
   * {@return the closed set of allowed values, spelled as on the wire; empty for free-form fields}
   */
  public List<String> choices() {
    return choices;
  }

  /** {@return the allowed values in words, as error messages and the templates state them} */
  public String allowed() {
    return allowed;
  }

  /**
   * What the API uses when the field is absent; null when there is no default (or the API chooses).
   *
   * @return the API's default, spelled as on the wire, or null
   */
  public @Nullable String defaultValue() {
    return defaultValue;
  }

  /** {@return whether the field changes the credits a video costs (see {@link Credits})} */
  public boolean affectsCredits() {
    return affectsCredits;
  }

  /**
   * The field's value in a checked request, as sent on the wire and echoed in results; null when
   * absent.
   *
   * @param request a checked request
   * @return the value, or null
   */
  public @Nullable Object valueOf(GenerationRequest request) {
    return value.apply(request);
  }

  /** {@return every field's variable name, in table order} */
  public static List<String> variables() {
    return Arrays.stream(values()).map(GenerationField::variable).toList();
  }
}
