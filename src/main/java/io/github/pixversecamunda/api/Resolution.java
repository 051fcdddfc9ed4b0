package io.github.pixversecamunda.api;

/** Output resolution. The API's default is {@link #P720}. */
public enum Resolution implements WireValue {
  P360("360p"),
  P540("540p"),
  P720("720p"),
  P1080("1080p");

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
