package io.github.pixversecamunda.worker;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns the result records into process variables and back, always through the same Jackson
 * settings, so that no reader spells a result's keys by hand. Reading is lenient: a process may map
 * in a result written by an older version or shaped by hand, and unknown keys are ignored.
 */
public final class Results {

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private Results() {}

  /**
   * The record as a process variable value (a JSON object).
   *
   * @param result a result record
   * @return its JSON object as a map, as the engine stores it
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> toVariable(Record result) {
    return JSON.convertValue(result, Map.class);
  }

  /**
   * A process variable value (a map from a job, or a JSON node read from the engine) read as the
   * record, or null when it is absent or not an object.
   *
   * @param <T> the record type
   * @param value the variable's value
   * @param type the record to read it as
   * @return the record, or null
   */
  public static <T extends Record> @Nullable T fromVariable(@Nullable Object value, Class<T> type) {
    if (value == null
        || value instanceof String
        || value instanceof Number
        || value instanceof Boolean) {
      return null;
    }
    try {
      return JSON.convertValue(value, type);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
