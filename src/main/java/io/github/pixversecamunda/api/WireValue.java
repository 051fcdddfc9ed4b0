package io.github.pixversecamunda.api;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A closed set of values the API accepts for one field, each with its exact spelling on the wire.
 */
public interface WireValue {

  String wire();

  static <E extends Enum<E> & WireValue> Optional<E> parse(Class<E> type, String text) {
    if (text == null) {
      return Optional.empty();
    }
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(type.getEnumConstants())
        .filter(v -> v.wire().toLowerCase(Locale.ROOT).equals(wanted))
        .findFirst();
  }

  static <E extends Enum<E> & WireValue> List<String> allowed(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(WireValue::wire).toList();
  }
}
