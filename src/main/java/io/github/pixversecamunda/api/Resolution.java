package io.github.pixversecamunda.api;

/** Output resolution. The API's default is {@link #P720}. */
public enum Resolution implements WireValue {
  /** 360p, the cheapest (the same price as 540p). */
  P360("360p"),
  /** 540p. */
  P540("540p"),
  /** 720p. */
  P720("720p"),
  /** 1080p, the dearest. */
  P1080("1080p");

  /** The API's default when none is given. */
  public static final Resolution DEFAULT = P720;

  private final String wire;

  Resolution(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }
}
