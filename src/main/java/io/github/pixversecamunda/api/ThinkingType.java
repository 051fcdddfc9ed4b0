package io.github.pixversecamunda.api;

/** PixVerse "thinking" mode (deeper scene understanding). The API's default is {@link #AUTO}. */
public enum ThinkingType implements WireValue {
  ENABLED("enabled"),
  DISABLED("disabled"),
  AUTO("auto");

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
