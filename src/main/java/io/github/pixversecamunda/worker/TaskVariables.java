package io.github.pixversecamunda.worker;

import io.camunda.client.CamundaClient;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Writes variables into a task's own scope (its element instance), where a redelivered or retried
 * job of the same task finds them. The submit worker keeps its at-most-once records there.
 */
@FunctionalInterface
public interface TaskVariables {

  /**
   * Sets the variables in the scope of this element instance only.
   *
   * @param elementInstanceKey the task's element instance
   * @param variables names and values; a null value clears one
   * @return completes when the engine confirmed, or fails
   */
  CompletionStage<?> setLocal(long elementInstanceKey, Map<String, Object> variables);

  /**
   * {@return the engine's own set-variables command, local to the element instance}
   *
   * @param camunda the client that sends the command
   */
  static TaskVariables of(CamundaClient camunda) {
    return (key, variables) ->
        camunda.newSetVariablesCommand(key).variables(variables).local(true).send();
  }
}
