package io.github.pixversecamunda.api;

/**
 * Aspect ratio of the video. Optional: when absent the API chooses (for image-to-video, the
 * image's).
 */
public enum AspectRatio implements WireValue {
  R16_9("16:9"),
  R4_3("4:3"),
  R1_1("1:1"),
  R3_4("3:4"),
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
