package io.github.pixversecamunda.api;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A closed set of values the API accepts for one field, each with its exact spelling on the wire.
 */
public interface WireValue {

  /** {@return the value exactly as the API spells it, e.g. {@code 720p}} */
  String wire();

  /**
   * The value a user's text names, ignoring case and surrounding blanks.
   *
   * @param <E> the closed set
   * @param type the closed set's class
   * @param text what the user wrote
   * @return the value, or empty when the text names none
   */
  static <E extends Enum<E> & WireValue> Optional<E> parse(Class<E> type, String text) {
    if (text == null) {
      return Optional.empty();
    }
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(type.getEnumConstants())
        .filter(v -> v.wire().toLowerCase(Locale.ROOT).equals(wanted))
        .findFirst();
  }

  /**
   * The wire spellings, in declaration order, as error messages and templates list them.
   *
   * @param <E> the closed set
   * @param type the closed set's class
   * @return every allowed value
   */
  static <E extends Enum<E> & WireValue> List<String> allowed(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(WireValue::wire).toList();
  }
}
