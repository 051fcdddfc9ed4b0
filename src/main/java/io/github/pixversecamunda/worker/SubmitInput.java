package io.github.pixversecamunda.worker;

import io.github.pixversecamunda.api.GenerationField;
import io.github.pixversecamunda.api.GenerationInput;
import io.github.pixversecamunda.api.GenerationRequest;
import io.github.pixversecamunda.api.InvalidInputException;
import io.github.pixversecamunda.api.Violation;
import io.github.pixversecamunda.api.WireFormat;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The checked inputs of one submit job: the generation, its mode and the credit budget. {@link
 * #read} checks them all before anything is sent and reports every problem at once, so a designer
 * fixes a task in one go; the local run checks its command line with the same method.
 *
 * @param request the generation, valid for the API
 * @param mode text or image
 * @param maxCredits the budget in credits, or null when the process sets none
 */
public record SubmitInput(GenerationRequest request, Mode mode, @Nullable Integer maxCredits) {

  /** The longest deadline a process may give: a generation never takes days. */
  public static final Duration MAX_DEADLINE = Duration.ofDays(7);

  /** Text-to-video or image-to-video; the variable {@value Variables#MODE} holds it lower case. */
  public enum Mode {
    /** Text-to-video: an image URL in scope is ignored. */
    TEXT,
    /** Image-to-video: the image URL is required. */
    IMAGE;

    /**
     * The value of the {@value Variables#MODE} variable and of the submit result's mode.
     *
     * @return the mode in lower case
     */
    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }

    static String allowedValues() {
      return Arrays.stream(values()).map(Mode::value).collect(Collectors.joining(", "));
    }
  }

  /**
   * Checks every input of a submit job (the generation, {@value Variables#MODE}, {@value
   * Variables#MAX_CREDITS}, {@value Variables#DEADLINE}).
   *
   * @param variables the job's variables
   * @return the checked inputs
   * @throws InvalidInputException naming each bad field and its allowed values
   */
  public static SubmitInput read(Map<String, Object> variables) {
    List<Violation> problems = new ArrayList<>();
    Map<String, Object> generation = new HashMap<>(variables);
    Mode mode = mode(variables, problems);
    if (mode == Mode.TEXT) {
      // A text task ignores an image URL that happens to be in scope rather than sending it.
      generation.remove(GenerationInput.IMAGE_URL);
    } else if (mode == Mode.IMAGE
        && JobInputs.text(variables.get(GenerationInput.IMAGE_URL)) == null) {
      problems.add(new Violation(GenerationInput.IMAGE_URL, "is required when mode is image"));
    }
    Integer maxCredits = maxCredits(variables.get(Variables.MAX_CREDITS), problems);
    checkDeadline(variables.get(Variables.DEADLINE), problems);

    @Nullable GenerationRequest request = null;
    try {
      request = GenerationInput.fromMap(generation).validate();
    } catch (InvalidInputException e) {
      problems.addAll(0, e.violations());
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new SubmitInput(
        Objects.requireNonNull(request, "no problem reported, so the request is set"),
        Objects.requireNonNull(mode, "no problem reported, so the mode is set"),
        maxCredits);
  }

  /**
   * The generation as sent, for the submit result.
   *
   * @return the model and every field that has a value, under its variable name
   */
  public Map<String, Object> parameters() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put(WireFormat.MODEL, GenerationRequest.MODEL);
    for (GenerationField field : GenerationField.values()) {
      Object value = field.valueOf(request);
      if (value != null) {
        parameters.put(field.variable(), value);
      }
    }
    return parameters;
  }

  /** The mode as given, else image when an image URL is set, else text; null when not allowed. */
  private static @Nullable Mode mode(Map<String, Object> variables, List<Violation> problems) {
    String given = JobInputs.text(variables.get(Variables.MODE));
    if (given == null) {
      return JobInputs.text(variables.get(GenerationInput.IMAGE_URL)) == null
          ? Mode.TEXT
          : Mode.IMAGE;
    }
    for (Mode mode : Mode.values()) {
      if (mode.value().equals(given.toLowerCase(Locale.ROOT))) {
        return mode;
      }
    }
    problems.add(
        new Violation(
            Variables.MODE,
            "'" + given + "' is not allowed; allowed values: " + Mode.allowedValues()));
    return null;
  }

  private static @Nullable Integer maxCredits(@Nullable Object budget, List<Violation> problems) {
    if (JobInputs.text(budget) == null) {
      return null;
    }
    Optional<Long> credits = GenerationInput.wholeNumber(budget).filter(n -> n >= 0);
    if (credits.isEmpty()) {
      problems.add(
          new Violation(
              Variables.MAX_CREDITS,
              "'"
                  + budget
                  + "' is not allowed; allowed values: a whole number of credits, 0 or more"));
      return null;
    }
    return (int) Math.min(credits.get(), Integer.MAX_VALUE);
  }

  private static void checkDeadline(@Nullable Object deadline, List<Violation> problems) {
    if (deadline == null || (deadline instanceof String text && text.isBlank())) {
      return; // the processes' timer falls back to PT20M
    }
    if (!validDeadline(deadline)) {
      problems.add(
          new Violation(
              Variables.DEADLINE,
              WireFormat.quoted(String.valueOf(deadline))
                  + " is not allowed; allowed values: a positive ISO-8601 duration of at most "
                  + "P7D, e.g. PT20M"));
    }
  }

  private static boolean validDeadline(Object deadline) {
    if (!(deadline instanceof String text)) {
      return false;
    }
    try {
      Duration duration = Duration.parse(text.trim());
      return duration.compareTo(Duration.ZERO) > 0 && duration.compareTo(MAX_DEADLINE) <= 0;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
