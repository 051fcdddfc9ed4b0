package io.github.pixversecamunda.worker;

import java.time.Duration;
import java.util.List;

/**
 * How one of the library's job workers subscribes: its job type, the job timeout it activates with
 * and the variables it fetches. {@link PixverseWorkers} opens workers from these, and the Spring
 * registration applies the same values, so each fact is stated once.
 */
public record WorkerSpec(String type, Duration timeout, List<String> fetchVariables) {

  public WorkerSpec {
    fetchVariables = List.copyOf(fetchVariables);
  }
}
