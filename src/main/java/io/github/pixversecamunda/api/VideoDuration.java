package io.github.pixversecamunda.api;

/** Video length in seconds. The API's default is {@link #S5}. */
public enum VideoDuration implements WireValue {
  /** Five seconds: the base price. */
  S5(5),
  /** Eight seconds: double the base price. */
  S8(8),
  /** Ten seconds: double the base price, like eight. */
  S10(10);

  /** The API's default when none is given. */
  public static final VideoDuration DEFAULT = S5;

  private final int seconds;

  VideoDuration(int seconds) {
    this.seconds = seconds;
  }

  /** {@return the length in seconds, as the API takes it} */
  public int seconds() {
    return seconds;
  }

  @Override
  public String wire() {
    return Integer.toString(seconds);
  }
}
