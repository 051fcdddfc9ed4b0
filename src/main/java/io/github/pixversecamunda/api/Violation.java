package io.github.pixversecamunda.api;

/** One problem with one input field, phrased for the person who has to fix it. */
public record Violation(String field, String message) {

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
