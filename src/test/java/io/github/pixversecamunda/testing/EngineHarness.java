package io.github.pixversecamunda.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import io.camunda.zeebe.process.test.filters.RecordStream;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRelated;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Zeebe Process Test's in-memory engine, reached through a real {@link CamundaClient} on its gRPC
 * port (as a worker would reach a cluster), with small queries over the engine's record stream.
 *
 * <p>The only class that knows the engine: tests, the local run and the benchmark reach it through
 * these methods and never through Zeebe Process Test's types, so that moving to Camunda Process
 * Test (Zeebe Process Test is deprecated from 8.8 and goes in 8.10) touches this class alone.
 */
public final class EngineHarness implements AutoCloseable {

  public static final Duration WAIT = Duration.ofSeconds(30);

  /** The job type of a job-based user task: how a task list (or a test) takes it over gRPC. */
  public static final String USER_TASK_JOB_TYPE = "io.camunda.zeebe:userTask";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ZeebeTestEngine engine;
  private final CamundaClient client;

  public EngineHarness() {
    engine = EngineFactory.create();
    engine.start();
    client =
        CamundaClient.newClientBuilder()
            .grpcAddress(URI.create(grpcAddress()))
            .preferRestOverGrpc(false)
            .defaultRequestTimeout(Duration.ofSeconds(10))
            .build();
  }

  public String grpcAddress() {
    return "http://" + engine.getGatewayAddress();
  }

  /**
   * Camunda client settings that make a Spring application treat this engine as a self-managed
   * cluster.
   */
  public Map<String, String> clusterProperties() {
    Map<String, String> properties = new java.util.LinkedHashMap<>();
    properties.put("camunda.client.mode", "self-managed");
    properties.put("camunda.client.auth.method", "none");
    properties.put("camunda.client.grpc-address", grpcAddress());
    // The in-memory engine speaks gRPC only.
    properties.put("camunda.client.rest-address", "http://127.0.0.1:1");
    properties.put("camunda.client.prefer-rest-over-grpc", "false");
    return properties;
  }

  public CamundaClient client() {
    return client;
  }

  /** Deploys every process in the project's bpmn/ folder and every form in its forms/ folder. */
  public void deployBundledProcesses() {
    deployProcesses(Path.of("bpmn"), Path.of("forms"));
  }

  /**
   * Deploys every .bpmn and .form file of the folders in one deployment, for example the re-applied
   * copies the Node check writes.
   */
  public void deployProcesses(Path... folders) {
    List<Path> resources = new ArrayList<>();
    for (Path folder : folders) {
      try (Stream<Path> files = Files.list(folder)) {
        files
            .filter(p -> p.toString().endsWith(".bpmn") || p.toString().endsWith(".form"))
            .sorted()
            .forEach(resources::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    var step = client.newDeployResourceCommand().addResourceFile(resources.get(0).toString());
    for (Path file : resources.subList(1, resources.size())) {
      step = step.addResourceFile(file.toString());
    }
    // Parsing several large processes takes the in-memory engine a while on a busy machine.
    step.requestTimeout(Duration.ofMinutes(1)).send().join();
  }

  /** Activates the next job-based user task waiting in the engine, as a task list would. */
  public io.camunda.client.api.response.ActivatedJob awaitUserTask() {
    List<io.camunda.client.api.response.ActivatedJob> found = new ArrayList<>();
    await()
        .atMost(WAIT)
        .until(
            () -> {
              found.addAll(
                  client
                      .newActivateJobsCommand()
                      .jobType(USER_TASK_JOB_TYPE)
                      .maxJobsToActivate(1)
                      .timeout(Duration.ofMinutes(5))
                      .send()
                      .join()
                      .getJobs());
              return !found.isEmpty();
            });
    return found.get(0);
  }

  public long start(String processId, Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(processId)
        .latestVersion()
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  /** One element a job of an ad-hoc sub-process asks the engine to activate, with its variables. */
  public record AdHocActivation(String elementId, Map<String, Object> variables) {}

  /**
   * Completes a job of an ad-hoc sub-process (job worker implementation) with a job result, as
   * Camunda's AI Agent does: the elements to activate, each with its own variables, and whether the
   * sub-process is done. Waits until the engine has accepted or rejected the command.
   *
   * <p>Zeebe Process Test's gRPC gateway (8.8) hands a CompleteJob request's variables to the
   * engine but drops its job result, so an ad-hoc sub-process could never move past its first job
   * through a client. This writes the command a cluster's gateway writes for such a request (JOB
   * COMPLETE with variables and an ad-hoc sub-process result) through the same in-memory gateway,
   * so the engine itself processes it and answers as it answers a client.
   */
  public void completeAdHocSubProcessJob(
      long jobKey,
      Map<String, Object> variables,
      List<AdHocActivation> activations,
      boolean completionConditionFulfilled) {
    try {
      io.camunda.zeebe.protocol.impl.record.value.job.JobResult result =
          new io.camunda.zeebe.protocol.impl.record.value.job.JobResult()
              .setType(io.camunda.zeebe.protocol.record.value.JobResultType.AD_HOC_SUB_PROCESS)
              .setCompletionConditionFulfilled(completionConditionFulfilled)
              .setCancelRemainingInstances(false);
      for (AdHocActivation activation : activations) {
        result.addActivateElement(
            new io.camunda.zeebe.protocol.impl.record.value.job.JobResultActivateElement()
                .setElementId(activation.elementId())
                .setVariables(msgPack(activation.variables())));
      }
      io.camunda.zeebe.protocol.impl.record.value.job.JobRecord command =
          new io.camunda.zeebe.protocol.impl.record.value.job.JobRecord()
              .setVariables(msgPack(variables))
              .setResult(result);

      Object gateway = field(engine, "gateway");
      CompletableFuture<Object> answer = new CompletableFuture<>();
      io.grpc.stub.StreamObserver<Object> observer =
          new io.grpc.stub.StreamObserver<>() {
            @Override
            public void onNext(Object value) {
              answer.complete(value);
            }

            @Override
            public void onError(Throwable t) {
              answer.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {}
          };
      Object store = field(gateway, "gatewayRequestStore");
      java.lang.reflect.Method register =
          store
              .getClass()
              .getDeclaredMethod(
                  "registerNewRequest", Class.class, io.grpc.stub.StreamObserver.class);
      register.setAccessible(true);
      long requestId =
          (Long)
              register.invoke(
                  store,
                  io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CompleteJobRequest.class,
                  observer);
      java.lang.reflect.Method prepare =
          gateway.getClass().getDeclaredMethod("prepareRecordMetadata");
      prepare.setAccessible(true);
      io.camunda.zeebe.protocol.impl.record.RecordMetadata metadata =
          ((io.camunda.zeebe.protocol.impl.record.RecordMetadata) prepare.invoke(gateway))
              .requestId(requestId)
              .valueType(io.camunda.zeebe.protocol.record.ValueType.JOB)
              .intent(io.camunda.zeebe.protocol.record.intent.JobIntent.COMPLETE);
      Object writer = field(gateway, "writer");
      java.lang.reflect.Method write =
          writer
              .getClass()
              .getDeclaredMethod(
                  "writeCommandWithKey",
                  Long.class,
                  io.camunda.zeebe.protocol.impl.record.UnifiedRecordValue.class,
                  io.camunda.zeebe.protocol.impl.record.RecordMetadata.class);
      write.setAccessible(true);
      write.invoke(writer, jobKey, command, metadata);
      answer.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("the engine rejected the job result: " + e.getCause(), e);
    } catch (ReflectiveOperationException
        | InterruptedException
        | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("could not complete ad-hoc sub-process job " + jobKey, e);
    }
  }

  private static org.agrona.DirectBuffer msgPack(Map<String, Object> variables) {
    try {
      return new org.agrona.concurrent.UnsafeBuffer(
          io.camunda.zeebe.protocol.impl.encoding.MsgPackConverter.convertToMsgPack(
              JSON.writeValueAsString(variables)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object field(Object owner, String name) throws ReflectiveOperationException {
    java.lang.reflect.Field field = owner.getClass().getDeclaredField(name);
    field.setAccessible(true);
    return field.get(owner);
  }

  public void increaseTime(Duration duration) {
    engine.increaseTime(duration);
  }

  private Stream<Record<?>> records() {
    return StreamSupport.stream(
        RecordStream.of(engine.getRecordStreamSource()).records().spliterator(), false);
  }

  @SuppressWarnings("unchecked")
  private Stream<Record<ProcessInstanceRecordValue>> elementRecords(long instance) {
    return records()
        .filter(
            r ->
                r.getValue() instanceof ProcessInstanceRecordValue v
                    && v.getProcessInstanceKey() == instance)
        .map(r -> (Record<ProcessInstanceRecordValue>) r);
  }

  /**
   * Keys of every process instance that has completed, in one pass over the records (for many
   * instances).
   */
  public java.util.Set<Long> completedInstances() {
    java.util.Set<Long> done = new java.util.HashSet<>();
    records()
        .filter(
            r ->
                r.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED
                    && r.getValue() instanceof ProcessInstanceRecordValue v
                    && v.getBpmnElementType() == BpmnElementType.PROCESS)
        .forEach(
            r -> done.add(((ProcessInstanceRecordValue) r.getValue()).getProcessInstanceKey()));
    return done;
  }

  /** Keys of every process instance that has had an incident, in one pass over the records. */
  public java.util.Set<Long> instancesWithIncidents() {
    java.util.Set<Long> keys = new java.util.HashSet<>();
    createdIncidents().forEach(v -> keys.add(v.getProcessInstanceKey()));
    return keys;
  }

  /** How many records of the instance the engine has written so far: a change means it moved. */
  public long recordCount(long instance) {
    return records()
        .filter(
            r ->
                r.getValue() instanceof ProcessInstanceRelated v
                    && v.getProcessInstanceKey() == instance)
        .count();
  }

  public void cancel(long instance) {
    client.newCancelInstanceCommand(instance).send().join();
  }

  public boolean isCompleted(long instance) {
    return elementRecords(instance)
        .anyMatch(
            r ->
                r.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED
                    && r.getValue().getBpmnElementType() == BpmnElementType.PROCESS);
  }

  public int timesPassed(long instance, String elementId) {
    return (int)
        elementRecords(instance)
            .filter(
                r ->
                    r.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED
                        && r.getValue().getElementId().equals(elementId))
            .count();
  }

  /** True when the element is active now (activated more often than it left). */
  public boolean isWaitingAt(long instance, String elementId) {
    long in =
        elementRecords(instance)
            .filter(
                r ->
                    r.getValue().getElementId().equals(elementId)
                        && r.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATED)
            .count();
    long out =
        elementRecords(instance)
            .filter(
                r ->
                    r.getValue().getElementId().equals(elementId)
                        && (r.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED
                            || r.getIntent() == ProcessInstanceIntent.ELEMENT_TERMINATED))
            .count();
    return in > out;
  }

  /** Which end events of the process (not of sub-processes) the instance reached. */
  public List<String> endEvents(long instance) {
    return elementRecords(instance)
        .filter(
            r ->
                r.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED
                    && r.getValue().getBpmnElementType() == BpmnElementType.END_EVENT
                    && r.getValue().getFlowScopeKey() == instance)
        .map(r -> r.getValue().getElementId())
        .toList();
  }

  public void awaitCompleted(long instance) {
    await().atMost(WAIT).until(() -> isCompleted(instance) || !openIncidents(instance).isEmpty());
    if (!isCompleted(instance)) {
      throw new AssertionError(
          "process instance " + instance + " has incidents: " + openIncidents(instance));
    }
  }

  /**
   * Waits until every one of these instances has completed or one of them has an incident (at most
   * {@code atMost}, for many instances and workers that start slowly); the caller asserts which.
   */
  public void awaitAllCompletedOrAnIncident(List<Long> instances, Duration atMost) {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                completedInstances().containsAll(instances)
                    || instances.stream().anyMatch(instancesWithIncidents()::contains));
  }

  public void awaitWaitingAt(long instance, String elementId) {
    await()
        .atMost(WAIT)
        .until(() -> isWaitingAt(instance, elementId) || !incidents(instance).isEmpty());
    if (!isWaitingAt(instance, elementId)) {
      throw new AssertionError(
          "process instance " + instance + " has incidents: " + incidents(instance));
    }
  }

  private Stream<VariableRecordValue> variableRecords() {
    return records()
        .filter(r -> r.getValue() instanceof VariableRecordValue)
        .map(r -> (VariableRecordValue) r.getValue());
  }

  /**
   * The latest value of a variable in the process instance's own scope, as JSON (null if never
   * set).
   */
  public JsonNode variable(long instance, String name) {
    return variables(instance).get(name);
  }

  /** Every variable value written anywhere in the engine, as raw JSON text. */
  public List<String> allVariableValues() {
    return variableRecords().map(v -> v.getName() + "=" + v.getValue()).toList();
  }

  /** The latest value of a variable in any scope of any instance (null if never set). */
  public JsonNode latestVariable(String name) {
    List<JsonNode> values = allValues(name);
    return values.isEmpty() ? null : values.get(values.size() - 1);
  }

  /** Every value a variable took in any scope of any instance, oldest first. */
  public List<JsonNode> allValues(String name) {
    return variableRecords()
        .filter(v -> v.getName().equals(name))
        .map(v -> parse(v.getValue()))
        .toList();
  }

  /** Every value a variable took in any scope of one process instance, oldest first. */
  public List<JsonNode> allValues(long instance, String name) {
    return variableRecords()
        .filter(v -> v.getName().equals(name) && v.getProcessInstanceKey() == instance)
        .map(v -> parse(v.getValue()))
        .toList();
  }

  /** Keys of the process instances that call activities of this instance started. */
  public java.util.Set<Long> calledInstances(long parent) {
    java.util.Set<Long> keys = new java.util.TreeSet<>();
    records()
        .filter(
            r ->
                r.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATED
                    && r.getValue() instanceof ProcessInstanceRecordValue v
                    && v.getBpmnElementType() == BpmnElementType.PROCESS
                    && v.getParentProcessInstanceKey() == parent)
        .forEach(
            r -> keys.add(((ProcessInstanceRecordValue) r.getValue()).getProcessInstanceKey()));
    return keys;
  }

  /** Keys of the process instances in which a variable of this name was ever written. */
  public java.util.Set<Long> instancesWithVariable(String name) {
    java.util.Set<Long> keys = new java.util.TreeSet<>();
    variableRecords()
        .filter(v -> v.getName().equals(name))
        .forEach(v -> keys.add(v.getProcessInstanceKey()));
    return keys;
  }

  /** The process instance's own variables with their latest values, in the order first set. */
  public Map<String, JsonNode> variables(long instance) {
    Map<String, JsonNode> latest = new java.util.LinkedHashMap<>();
    variableRecords()
        .filter(v -> v.getProcessInstanceKey() == instance && v.getScopeKey() == instance)
        .forEach(v -> latest.put(v.getName(), parse(v.getValue())));
    return latest;
  }

  /**
   * Id of the element most recently entered anywhere in the engine, among tasks and waiting events.
   */
  public String latestActivatedStep() {
    List<String> ids = new ArrayList<>();
    records()
        .filter(
            r ->
                r.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATED
                    && r.getValue() instanceof ProcessInstanceRecordValue v
                    && STEP_TYPES.contains(v.getBpmnElementType()))
        .forEach(r -> ids.add(((ProcessInstanceRecordValue) r.getValue()).getElementId()));
    return ids.isEmpty() ? null : ids.get(ids.size() - 1);
  }

  private static final java.util.Set<BpmnElementType> STEP_TYPES =
      java.util.Set.of(
          BpmnElementType.SERVICE_TASK,
          BpmnElementType.INTERMEDIATE_CATCH_EVENT,
          BpmnElementType.SCRIPT_TASK,
          BpmnElementType.END_EVENT,
          BpmnElementType.BOUNDARY_EVENT);

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Stream<IncidentRecordValue> createdIncidents() {
    return records()
        .filter(
            r ->
                r.getIntent() == IncidentIntent.CREATED
                    && r.getValue() instanceof IncidentRecordValue)
        .map(r -> (IncidentRecordValue) r.getValue());
  }

  /** Messages of the instance's incidents that were not resolved. */
  public List<String> openIncidents(long instance) {
    java.util.Set<Long> resolved = new java.util.HashSet<>();
    records()
        .filter(r -> r.getIntent() == IncidentIntent.RESOLVED)
        .forEach(r -> resolved.add(r.getKey()));
    return records()
        .filter(
            r ->
                r.getIntent() == IncidentIntent.CREATED
                    && !resolved.contains(r.getKey())
                    && r.getValue() instanceof IncidentRecordValue v
                    && v.getProcessInstanceKey() == instance)
        .map(r -> ((IncidentRecordValue) r.getValue()).getErrorMessage())
        .toList();
  }

  /** Messages of every incident the instance ever had, resolved or not. */
  public List<String> incidents(long instance) {
    return createdIncidents()
        .filter(v -> v.getProcessInstanceKey() == instance)
        .map(IncidentRecordValue::getErrorMessage)
        .toList();
  }

  /**
   * What an operator does in Operate for each open incident of the instance: sets these variables
   * on the failed task (its own scope), gives its job one retry and resolves the incident.
   */
  public void resolveIncidents(long instance, Map<String, Object> taskVariables) {
    java.util.Set<Long> resolved = new java.util.HashSet<>();
    records()
        .filter(r -> r.getIntent() == IncidentIntent.RESOLVED)
        .forEach(r -> resolved.add(r.getKey()));
    List<Record<?>> open =
        records()
            .filter(
                r ->
                    r.getIntent() == IncidentIntent.CREATED
                        && r.getValue() instanceof IncidentRecordValue v
                        && v.getProcessInstanceKey() == instance
                        && !resolved.contains(r.getKey()))
            .toList();
    for (Record<?> incident : open) {
      IncidentRecordValue value = (IncidentRecordValue) incident.getValue();
      if (!taskVariables.isEmpty()) {
        client
            .newSetVariablesCommand(value.getElementInstanceKey())
            .variables(taskVariables)
            .local(true)
            .send()
            .join();
      }
      if (value.getJobKey() > 0) {
        client.newUpdateRetriesCommand(value.getJobKey()).retries(1).send().join();
      }
      client.newResolveIncidentCommand(incident.getKey()).send().join();
    }
  }

  /** How many times a job's timeout was changed after its activation (update-timeout commands). */
  public long jobTimeoutUpdates() {
    return records()
        .filter(
            r -> r.getIntent() == io.camunda.zeebe.protocol.record.intent.JobIntent.TIMEOUT_UPDATED)
        .count();
  }

  /**
   * End time (engine clock, epoch ms) of each of the given process instances that has completed.
   */
  public Map<Long, Long> completedAt(java.util.Set<Long> instances) {
    Map<Long, Long> ends = new java.util.HashMap<>();
    records()
        .filter(
            r ->
                r.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED
                    && r.getValue() instanceof ProcessInstanceRecordValue v
                    && v.getBpmnElementType() == BpmnElementType.PROCESS
                    && instances.contains(v.getProcessInstanceKey()))
        .forEach(
            r ->
                ends.put(
                    ((ProcessInstanceRecordValue) r.getValue()).getProcessInstanceKey(),
                    r.getTimestamp()));
    return ends;
  }

  /** Start time (engine clock, epoch ms) of each of the given process instances. */
  public Map<Long, Long> startedAt(java.util.Set<Long> instances) {
    Map<Long, Long> starts = new java.util.HashMap<>();
    records()
        .filter(
            r ->
                r.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATING
                    && r.getValue() instanceof ProcessInstanceRecordValue v
                    && v.getBpmnElementType() == BpmnElementType.PROCESS
                    && instances.contains(v.getProcessInstanceKey()))
        .forEach(
            r ->
                starts.putIfAbsent(
                    ((ProcessInstanceRecordValue) r.getValue()).getProcessInstanceKey(),
                    r.getTimestamp()));
    return starts;
  }

  /**
   * For each completed job of the type: engine ms from its activation by a worker to its
   * completion.
   */
  public List<Long> jobHoldTimes(String jobType) {
    Map<Long, Long> activated = new java.util.HashMap<>();
    List<Long> held = new ArrayList<>();
    records()
        .forEach(
            r -> {
              if (r.getIntent() == io.camunda.zeebe.protocol.record.intent.JobBatchIntent.ACTIVATED
                  && r.getValue()
                      instanceof io.camunda.zeebe.protocol.record.value.JobBatchRecordValue batch
                  && batch.getType().equals(jobType)) {
                batch.getJobKeys().forEach(key -> activated.put(key, r.getTimestamp()));
              } else if (r.getIntent()
                      == io.camunda.zeebe.protocol.record.intent.JobIntent.COMPLETED
                  && activated.containsKey(r.getKey())) {
                held.add(r.getTimestamp() - activated.get(r.getKey()));
              }
            });
    return held;
  }

  /** How many jobs of the type have completed. */
  public long completedJobs(String jobType) {
    return records()
        .filter(
            r ->
                r.getIntent() == io.camunda.zeebe.protocol.record.intent.JobIntent.COMPLETED
                    && r.getValue()
                        instanceof io.camunda.zeebe.protocol.record.value.JobRecordValue job
                    && job.getType().equals(jobType))
        .count();
  }

  /**
   * The lifecycle steps (ELEMENT_ACTIVATED / ELEMENT_COMPLETED) of one element in one instance,
   * oldest first.
   */
  public List<String> elementLifecycle(long instance, String elementId) {
    return elementRecords(instance)
        .filter(
            r ->
                r.getValue().getElementId().equals(elementId)
                    && (r.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATED
                        || r.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED))
        .map(r -> r.getIntent().name())
        .toList();
  }

  /** The id of the element whose instance has this key. */
  public String elementIdOf(long elementInstanceKey) {
    return records()
        .filter(
            r ->
                r.getKey() == elementInstanceKey
                    && r.getValue() instanceof ProcessInstanceRecordValue)
        .map(r -> ((ProcessInstanceRecordValue) r.getValue()).getElementId())
        .findFirst()
        .orElseThrow();
  }

  /** One write of a variable: the scope it went to (an element instance key) and its JSON value. */
  public record VariableWrite(long scopeKey, String value) {}

  /** Every write of a variable in one instance, in any scope, oldest first. */
  public List<VariableWrite> variableWrites(long instance, String name) {
    return variableRecords()
        .filter(v -> v.getProcessInstanceKey() == instance && v.getName().equals(name))
        .map(v -> new VariableWrite(v.getScopeKey(), v.getValue()))
        .toList();
  }

  /** Every incident raised anywhere in the engine. */
  public List<String> allIncidents() {
    return createdIncidents().map(IncidentRecordValue::getErrorMessage).toList();
  }

  /** Every error message of every record (failed jobs, incidents), for secret checks. */
  public List<String> allErrorMessages() {
    List<String> messages = new ArrayList<>();
    records()
        .forEach(
            r -> {
              if (r.getValue() instanceof IncidentRecordValue v) {
                messages.add(v.getErrorMessage());
              } else if (r.getValue()
                  instanceof io.camunda.zeebe.protocol.record.value.JobRecordValue v) {
                messages.add(v.getErrorMessage());
                messages.add(String.valueOf(v.getCustomHeaders()));
              }
            });
    return messages;
  }

  @Override
  public void close() {
    client.close();
    engine.stop();
  }
}
