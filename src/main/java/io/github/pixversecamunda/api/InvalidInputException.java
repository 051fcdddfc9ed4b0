package io.github.pixversecamunda.api;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Input was rejected before any request was sent: no credit was spent. Lists every problem at once.
 */
public class InvalidInputException extends RuntimeException {

  private final transient List<Violation> violations;

  /**
   * An error whose message lists every violation, and that nothing was sent.
   *
   * @param violations every problem found, at least one
   */
  public InvalidInputException(List<Violation> violations) {
    super(
        "Invalid PixVerse input (nothing was sent, no credit spent): "
            + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  /** Never null: the message lists every violation. */
  @Override
  public String getMessage() {
    return Objects.requireNonNull(super.getMessage());
  }

  /** {@return every problem, each naming its field and the allowed values} */
  public List<Violation> violations() {
    return violations;
  }
}
