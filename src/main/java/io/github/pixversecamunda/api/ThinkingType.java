package io.github.pixversecamunda.api;

/** PixVerse "thinking" mode (deeper scene understanding). The API's default is {@link #AUTO}. */
public enum ThinkingType implements WireValue {
  /** Always think first. */
  ENABLED("enabled"),
  /** Never; the prompt is taken as it is. */
  DISABLED("disabled"),
  /** PixVerse decides per prompt. */
  AUTO("auto");

  /** The API's default when none is given. */
  public static final ThinkingType DEFAULT = AUTO;

  private final String wire;

  ThinkingType(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }
}
