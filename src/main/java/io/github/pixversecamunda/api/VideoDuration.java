package io.github.pixversecamunda.api;

/** Video length in seconds. The API's default is {@link #S5}. */
public enum VideoDuration implements WireValue {
  S5(5),
  S8(8),
  S10(10);

  public static final VideoDuration DEFAULT = S5;

  private final int seconds;

  VideoDuration(int seconds) {
    this.seconds = seconds;
  }

  public int seconds() {
    return seconds;
  }

  @Override
  public String wire() {
    return Integer.toString(seconds);
  }
}
