package io.github.pixversecamunda.worker;

import java.time.Duration;
import java.util.List;

/**
 * How one of the library's job workers subscribes: its job type, the job timeout it activates with
 * and the variables it fetches. {@link PixverseWorkers} opens workers from these, and the Spring
 * registration applies the same values, so each fact is stated once.
 *
 * @param type the job type
 * @param timeout the job timeout the worker activates jobs with
 * @param fetchVariables the variables a job of this type is activated with
 */
public record WorkerSpec(String type, Duration timeout, List<String> fetchVariables) {

  /**
   * Keeps its own copy of the fetch list.
   *
   * @param type the job type
   * @param timeout the job timeout the worker activates jobs with
   * @param fetchVariables the variables a job of this type is activated with
   */
  public WorkerSpec {
    fetchVariables = List.copyOf(fetchVariables);
  }
}
