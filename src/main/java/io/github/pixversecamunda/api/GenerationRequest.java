package io.github.pixversecamunda.api;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * One valid PixVerse 5.6 generation: every field checked, defaults filled in. Instances come from
 * {@link GenerationInput#validate()} or {@link #builder()}, both of which reject bad values before
 * anything is sent.
 *
 * @param imageUrl reference image; when present the generation is image-to-video
 * @param aspectRatio null lets the API choose
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

  public boolean imageToVideo() {
    return imageUrl != null;
  }

  public int estimatedCredits() {
    return Credits.estimate(resolution, duration, generateAudio);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Typed construction for Java callers; {@link #build()} runs the same checks as process input.
   */
  public static final class Builder {
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

    public Builder prompt(@Nullable String prompt) {
      this.prompt = prompt;
      return this;
    }

    public Builder imageUrl(@Nullable String imageUrl) {
      this.imageUrl = imageUrl;
      return this;
    }

    public Builder resolution(Resolution resolution) {
      this.resolution = resolution;
      return this;
    }

    public Builder duration(VideoDuration duration) {
      this.duration = duration;
      return this;
    }

    public Builder aspectRatio(@Nullable AspectRatio aspectRatio) {
      this.aspectRatio = aspectRatio;
      return this;
    }

    public Builder generateAudio(boolean generateAudio) {
      this.generateAudio = generateAudio;
      return this;
    }

    public Builder thinkingType(ThinkingType thinkingType) {
      this.thinkingType = thinkingType;
      return this;
    }

    public Builder negativePrompt(@Nullable String negativePrompt) {
      this.negativePrompt = negativePrompt;
      return this;
    }

    public Builder seed(@Nullable Long seed) {
      this.seed = seed;
      return this;
    }

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
