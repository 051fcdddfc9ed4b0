package io.github.pixversecamunda.api;

/**
 * Aspect ratio of the video. Optional: when absent the API chooses (for image-to-video, the
 * image's).
 */
public enum AspectRatio implements WireValue {
  /** Landscape, widescreen. */
  R16_9("16:9"),
  /** Landscape, classic. */
  R4_3("4:3"),
  /** Square. */
  R1_1("1:1"),
  /** Portrait, classic. */
  R3_4("3:4"),
  /** Portrait, full-screen on a phone. */
  R9_16("9:16");

  private final String wire;

  AspectRatio(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }
}
