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

  CompletionStage<?> setLocal(long elementInstanceKey, Map<String, Object> variables);

  static TaskVariables of(CamundaClient camunda) {
    return (key, variables) ->
        camunda.newSetVariablesCommand(key).variables(variables).local(true).send();
  }
}
