package io.github.pixversecamunda.api;

/**
 * One problem with one input field, phrased for the person who has to fix it.
 *
 * @param field the input's name as users see it (process variable, template field)
 * @param message what is wrong and which values are allowed
 */
public record Violation(String field, String message) {

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
