package io.github.pixversecamunda.api;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One generation as it arrives from the outside world (process variables, JSON, a command line):
 * loosely typed, possibly wrong. {@link #validate()} turns it into a {@link GenerationRequest} or
 * reports every problem at once. The field names here are the names users see: process variables,
 * template inputs and error messages all use them.
 *
 * @param prompt the text of the video
 * @param imageUrl a reference image URL; present, the generation is image-to-video
 * @param resolution e.g. {@code 720p}
 * @param duration seconds: 5, 8 or 10 (a number or text)
 * @param aspectRatio e.g. {@code 16:9}; absent lets the API choose
 * @param generateAudio true or false (a boolean or text)
 * @param thinkingType enabled, disabled or auto
 * @param negativePrompt what the video should not show
 * @param seed a whole number, for a repeatable generation
 */
public record GenerationInput(
    @Nullable Object prompt,
    @Nullable Object imageUrl,
    @Nullable Object resolution,
    @Nullable Object duration,
    @Nullable Object aspectRatio,
    @Nullable Object generateAudio,
    @Nullable Object thinkingType,
    @Nullable Object negativePrompt,
    @Nullable Object seed) {

  public static final String PROMPT = GenerationField.PROMPT.variable();
  public static final String IMAGE_URL = GenerationField.IMAGE_URL.variable();
  public static final String RESOLUTION = GenerationField.RESOLUTION.variable();
  public static final String DURATION = GenerationField.DURATION.variable();
  public static final String ASPECT_RATIO = GenerationField.ASPECT_RATIO.variable();
  public static final String GENERATE_AUDIO = GenerationField.GENERATE_AUDIO.variable();
  public static final String THINKING_TYPE = GenerationField.THINKING_TYPE.variable();
  public static final String NEGATIVE_PROMPT = GenerationField.NEGATIVE_PROMPT.variable();
  public static final String SEED = GenerationField.SEED.variable();

  /** Every field name, in the order they are reported. */
  public static final List<String> FIELDS = GenerationField.variables();

  /**
   * PixVerse rejects longer prompts (API in One quotes 2500 for other models; the stricter limit
   * wins).
   */
  public static final int MAX_PROMPT_LENGTH = 2048;

  public static final long MAX_SEED = 2_147_483_647L;

  /**
   * Reads the fields by their variable names (missing ones are absent).
   *
   * @param values process variables or JSON fields
   * @return the input, unchecked
   */
  public static GenerationInput fromMap(Map<String, ?> values) {
    return of(field -> values.get(field.variable()));
  }

  /**
   * Builds an input from a value per field. The record's components follow the order of {@link
   * GenerationField} (a test holds the two in step).
   *
   * @param valueOf the value of a field, or null when absent
   * @return the input, unchecked
   */
  public static GenerationInput of(Function<GenerationField, @Nullable Object> valueOf) {
    Object[] v = Arrays.stream(GenerationField.values()).map(valueOf).toArray();
    return new GenerationInput(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
  }

  /**
   * Checks every field; returns the typed request with the API's defaults filled in.
   *
   * @return the request
   * @throws InvalidInputException naming every bad field and its allowed values
   */
  public GenerationRequest validate() {
    List<Violation> problems = new ArrayList<>();
    // A list or an object is never a prompt, a choice or a number: refused before its toString()
    // could go out as "[a red fox, snow]" and be paid for.
    Object prompt = typed(PROMPT, this.prompt, problems, String.class);
    Object imageUrl = typed(IMAGE_URL, this.imageUrl, problems, String.class);
    Object resolution = typed(RESOLUTION, this.resolution, problems, String.class);
    Object duration = typed(DURATION, this.duration, problems, String.class, Number.class);
    Object aspectRatio = typed(ASPECT_RATIO, this.aspectRatio, problems, String.class);
    Object generateAudio =
        typed(GENERATE_AUDIO, this.generateAudio, problems, String.class, Boolean.class);
    Object thinkingType = typed(THINKING_TYPE, this.thinkingType, problems, String.class);
    Object negativePrompt = typed(NEGATIVE_PROMPT, this.negativePrompt, problems, String.class);
    Object seed = typed(SEED, this.seed, problems, String.class, Number.class);
    // A prompt of the wrong type is already reported; "must not be empty" would be a second, false
    // problem.
    boolean promptMistyped = this.prompt != null && prompt == null;

    String promptText = text(prompt);
    if (promptMistyped) {
      // Reported above.
    } else if (promptText == null || promptText.isBlank()) {
      problems.add(new Violation(PROMPT, "must not be empty"));
    } else if (promptText.length() > MAX_PROMPT_LENGTH) {
      problems.add(
          new Violation(
              PROMPT,
              "is "
                  + promptText.length()
                  + " characters long; at most "
                  + MAX_PROMPT_LENGTH
                  + " are allowed"));
    }

    String image = blankToNull(text(imageUrl));
    if (image != null && !isHttpUrl(image)) {
      problems.add(
          new Violation(
              IMAGE_URL, "'" + abbreviate(image) + "' is not an absolute http:// or https:// URL"));
    }

    Resolution res = choice(Resolution.class, RESOLUTION, resolution, Resolution.DEFAULT, problems);
    VideoDuration dur =
        choice(
            VideoDuration.class,
            DURATION,
            normaliseNumber(duration),
            VideoDuration.DEFAULT,
            problems);
    AspectRatio ratio = optionalChoice(AspectRatio.class, ASPECT_RATIO, aspectRatio, problems);
    ThinkingType thinking =
        choice(ThinkingType.class, THINKING_TYPE, thinkingType, ThinkingType.DEFAULT, problems);

    Boolean audio = bool(generateAudio);
    if (audio == null && !isAbsent(generateAudio)) {
      problems.add(
          new Violation(
              GENERATE_AUDIO,
              "'"
                  + abbreviate(String.valueOf(generateAudio))
                  + "' is not allowed; allowed values: true, false"));
    }

    String negative = blankToNull(text(negativePrompt));
    if (negative != null && negative.length() > MAX_PROMPT_LENGTH) {
      problems.add(
          new Violation(
              NEGATIVE_PROMPT,
              "is "
                  + negative.length()
                  + " characters long; at most "
                  + MAX_PROMPT_LENGTH
                  + " are allowed"));
    }

    Long seedValue = null;
    if (!isAbsent(seed)) {
      seedValue = wholeNumber(seed).filter(n -> n >= 0 && n <= MAX_SEED).orElse(null);
      if (seedValue == null) {
        problems.add(
            new Violation(
                SEED,
                "'"
                    + abbreviate(String.valueOf(seed))
                    + "' is not allowed; allowed values: a whole number from 0 to "
                    + MAX_SEED));
      }
    }

    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new GenerationRequest(
        Objects.requireNonNull(promptText, "no problem reported, so the prompt is set"),
        image == null ? null : URI.create(image),
        res,
        dur,
        ratio,
        audio != null && audio,
        thinking,
        negative,
        seedValue);
  }

  /**
   * The value when it has one of the allowed types (or is absent); otherwise null, with a violation
   * naming the field, what arrived and what is allowed.
   */
  private static @Nullable Object typed(
      String field, @Nullable Object raw, List<Violation> problems, Class<?>... allowed) {
    if (raw == null) {
      return null;
    }
    for (Class<?> type : allowed) {
      if (type.isInstance(raw)) {
        return raw;
      }
    }
    List<String> names = new ArrayList<>();
    for (Class<?> type : allowed) {
      names.add(
          type == String.class ? "text" : type == Number.class ? "a number" : "true or false");
    }
    problems.add(
        new Violation(
            field, "must be " + String.join(" or ", names) + ", not " + describeType(raw)));
    return null;
  }

  private static String describeType(Object raw) {
    if (raw instanceof java.util.Collection<?> || raw.getClass().isArray()) {
      return "a list";
    }
    if (raw instanceof Map<?, ?>) {
      return "an object";
    }
    if (raw instanceof Number) {
      return "a number";
    }
    if (raw instanceof Boolean) {
      return "true/false";
    }
    return "a " + raw.getClass().getSimpleName();
  }

  /** The chosen value, or the fallback when the field is absent or not allowed (and reported). */
  private static <E extends Enum<E> & WireValue> E choice(
      Class<E> type, String field, @Nullable Object raw, E fallback, List<Violation> problems) {
    E chosen = optionalChoice(type, field, raw, problems);
    return chosen == null ? fallback : chosen;
  }

  /** The chosen value, or null when the field is absent or not allowed (and reported). */
  private static <E extends Enum<E> & WireValue> @Nullable E optionalChoice(
      Class<E> type, String field, @Nullable Object raw, List<Violation> problems) {
    if (isAbsent(raw)) {
      return null;
    }
    Optional<E> parsed = WireValue.parse(type, String.valueOf(raw));
    if (parsed.isEmpty()) {
      problems.add(
          new Violation(
              field,
              "'"
                  + abbreviate(String.valueOf(raw))
                  + "' is not allowed; allowed values: "
                  + String.join(", ", WireValue.allowed(type))));
      return null;
    }
    return parsed.get();
  }

  /**
   * 5, 5.0, "5" and "5.0" all mean five seconds; anything else is left for the choice check to
   * reject.
   */
  private static @Nullable Object normaliseNumber(@Nullable Object raw) {
    return isAbsent(raw) ? raw : wholeNumber(raw).<Object>map(String::valueOf).orElse(raw);
  }

  /**
   * 5, 5.0, "5" and "5.0" are the whole number 5; 5.5, "five" and absent values are none.
   *
   * @param raw a number or text
   * @return the number, or empty
   */
  public static Optional<Long> wholeNumber(@Nullable Object raw) {
    try {
      BigDecimal number =
          raw instanceof Number n
              ? new BigDecimal(n.toString())
              : new BigDecimal(String.valueOf(raw).trim());
      return Optional.of(number.longValueExact());
    } catch (ArithmeticException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static @Nullable Boolean bool(@Nullable Object raw) {
    if (isAbsent(raw)) {
      return Boolean.FALSE;
    }
    if (raw instanceof Boolean b) {
      return b;
    }
    return switch (String.valueOf(raw).trim().toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> null;
    };
  }

  private static boolean isHttpUrl(String value) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return uri.isAbsolute()
          && (scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null
          && !uri.getHost().isBlank();
    } catch (Exception e) {
      return false;
    }
  }

  private static boolean isAbsent(@Nullable Object raw) {
    return raw == null || (raw instanceof String s && s.isBlank());
  }

  private static @Nullable String text(@Nullable Object raw) {
    return raw == null ? null : String.valueOf(raw);
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
