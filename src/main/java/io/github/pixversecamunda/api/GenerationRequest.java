package io.github.pixversecamunda.api;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * One valid PixVerse 5.6 generation: every field checked, defaults filled in. Instances come from
 * {@link GenerationInput#validate()} or {@link #builder()}, both of which reject bad values before
 * anything is sent.
 *
 * @param prompt what the video shows, 1 to {@link GenerationInput#MAX_PROMPT_LENGTH} characters
 * @param imageUrl reference image; when present the generation is image-to-video
 * @param resolution the video's resolution; it sets the base price
 * @param duration the video's length; 8 and 10 seconds double the price
 * @param aspectRatio null lets the API choose
 * @param generateAudio whether PixVerse adds a sound track; it doubles the price
 * @param thinkingType PixVerse's thinking mode (deeper scene understanding)
 * @param negativePrompt null when not given
 * @param seed null for a random seed
 */
public record GenerationRequest(
    String prompt,
    @Nullable URI imageUrl,
    Resolution resolution,
    VideoDuration duration,
    @Nullable AspectRatio aspectRatio,
    boolean generateAudio,
    ThinkingType thinkingType,
    @Nullable String negativePrompt,
    @Nullable Long seed) {

  /** The only model this library speaks to. */
  public static final String MODEL = "pixverse-5-6";

  /** {@return true when a reference image is given, so the generation is image-to-video} */
  public boolean imageToVideo() {
    return imageUrl != null;
  }

  /** {@return what this video costs by the credit table ({@link Credits})} */
  public int estimatedCredits() {
    return Credits.estimate(resolution, duration, generateAudio);
  }

  /** {@return a builder with the API's defaults and no prompt yet} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Typed construction for Java callers; {@link #build()} runs the same checks as process input.
   */
  public static final class Builder {
    private Builder() {}

    // Null until set; build() reports a missing prompt like any other bad input.
    private @Nullable String prompt;
    private @Nullable String imageUrl;
    private Resolution resolution = Resolution.DEFAULT;
    private VideoDuration duration = VideoDuration.DEFAULT;
    private @Nullable AspectRatio aspectRatio;
    private boolean generateAudio;
    private ThinkingType thinkingType = ThinkingType.DEFAULT;
    private @Nullable String negativePrompt;
    private @Nullable Long seed;

    /**
     * The text of the video; required.
     *
     * @param prompt 1 to {@link GenerationInput#MAX_PROMPT_LENGTH} characters
     * @return this builder
     */
    public Builder prompt(@Nullable String prompt) {
      this.prompt = prompt;
      return this;
    }

    /**
     * A reference image: the generation becomes image-to-video.
     *
     * @param imageUrl an absolute http(s) URL, or null for text-to-video
     * @return this builder
     */
    public Builder imageUrl(@Nullable String imageUrl) {
      this.imageUrl = imageUrl;
      return this;
    }

    /**
     * The video's resolution; it sets the base price.
     *
     * @param resolution default {@link Resolution#DEFAULT}
     * @return this builder
     */
    public Builder resolution(Resolution resolution) {
      this.resolution = resolution;
      return this;
    }

    /**
     * The video's length.
     *
     * @param duration default {@link VideoDuration#DEFAULT}; longer ones double the price
     * @return this builder
     */
    public Builder duration(VideoDuration duration) {
      this.duration = duration;
      return this;
    }

    /**
     * The picture's shape.
     *
     * @param aspectRatio null lets the API choose
     * @return this builder
     */
    public Builder aspectRatio(@Nullable AspectRatio aspectRatio) {
      this.aspectRatio = aspectRatio;
      return this;
    }

    /**
     * Whether PixVerse adds a sound track.
     *
     * @param generateAudio true doubles the price
     * @return this builder
     */
    public Builder generateAudio(boolean generateAudio) {
      this.generateAudio = generateAudio;
      return this;
    }

    /**
     * PixVerse's thinking mode (deeper scene understanding).
     *
     * @param thinkingType default {@link ThinkingType#DEFAULT}
     * @return this builder
     */
    public Builder thinkingType(ThinkingType thinkingType) {
      this.thinkingType = thinkingType;
      return this;
    }

    /**
     * What the video should not show.
     *
     * @param negativePrompt at most {@link GenerationInput#MAX_PROMPT_LENGTH} characters, or null
     * @return this builder
     */
    public Builder negativePrompt(@Nullable String negativePrompt) {
      this.negativePrompt = negativePrompt;
      return this;
    }

    /**
     * A fixed seed, to repeat a generation.
     *
     * @param seed 0 to {@link GenerationInput#MAX_SEED}, or null for a random one
     * @return this builder
     */
    public Builder seed(@Nullable Long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Checks every field as process input is checked.
     *
     * @return the request, defaults filled in
     * @throws InvalidInputException naming every bad field and its allowed values
     */
    public GenerationRequest build() {
      return new GenerationInput(
              prompt,
              imageUrl,
              wire(resolution),
              wire(duration),
              wire(aspectRatio),
              generateAudio,
              wire(thinkingType),
              negativePrompt,
              seed)
          .validate();
    }

    private static @Nullable String wire(@Nullable WireValue value) {
      return value == null ? null : value.wire();
    }
  }
}
