package io.github.pixversecamunda.worker;

import io.github.pixversecamunda.api.GenerationInput;
import java.util.ArrayList;
import java.util.List;

/**
 * Names of the variables and task headers the workers read and write. The element templates bind
 * exactly these names (a test keeps the two in step). The generation parameters themselves are
 * named in {@link GenerationInput}.
 */
public final class Variables {

  /** "text" or "image"; when absent, the presence of an image URL decides. */
  public static final String MODE = "mode";

  /** Submit input: the budget in credits; a dearer estimate fails before anything is sent. */
  public static final String MAX_CREDITS = "maxCredits";

  /** Await input: the task to check. */
  public static final String TASK_ID = "taskId";

  /** Await input: the submit result (for the expected generation time). */
  public static final String SUBMISSION = "submission";

  /** Await input: the previous await result of the same task (to count status checks). */
  public static final String PREVIOUS_STATUS = "previousStatus";

  /**
   * Download inputs: the video's URL, the object key (pattern) and whether other content under the
   * key may be replaced.
   */
  public static final String VIDEO_URL = "videoUrl";

  /**
   * Download input: the object key (pattern) the video is kept under, e.g. {@code
   * campaigns/{taskId}.mp4}; the store is the worker's. Also the process variable a calling process
   * sets to choose the key of the shipped processes' download.
   */
  public static final String OBJECT_KEY = "objectKey";

  /** Download input of templates before version 3: a one-segment key; read when no key is set. */
  public static final String FILE_NAME = "fileName";

  /** Download input: "true" lets other content under the key be replaced. */
  public static final String OVERWRITE = "overwrite";

  /**
   * Written as a local variable of the submit task as soon as the API accepts a submit, before the
   * job completes: a redelivered or retried job of the same task finds it and does not pay again.
   */
  public static final String SUBMITTED_TASK_ID = "pixverseSubmittedTaskId";

  /** Written beside {@link #SUBMITTED_TASK_ID}: when the API accepted that submit. */
  public static final String SUBMITTED_AT = "pixverseSubmittedAt";

  /**
   * Written as a local variable of the submit task before its POST leaves the worker: {@code
   * {startedAt, jobKey}}. A job that finds it without {@link #SUBMITTED_TASK_ID} does not submit
   * again (a paid task may exist) but raises an incident; setting it to null clears it.
   */
  public static final String SUBMIT_ATTEMPT = "pixverseSubmitAttempt";

  /**
   * Written as a local variable of the submit task while it waits for the account's limit: {@link
   * SubmitWait}. Only informative: it feeds the growing wait and shows the wait in Operate.
   */
  public static final String SUBMIT_WAIT = "pixverseSubmitWait";

  /**
   * The process's deadline (ISO-8601 duration) that the shipped processes put on the generation;
   * the submit worker checks it before anything is paid.
   */
  public static final String DEADLINE = "deadline";

  /** Set with every BPMN error the workers throw: {code, message, taskId?, violations?}. */
  public static final String ERROR = "pixverseError";

  /** Task header naming the variable that receives the result. */
  public static final String RESULT_VARIABLE_HEADER = "resultVariable";

  /**
   * Task header: ISO-8601 job timeout for this task, replacing the worker's (large downloads on
   * slow links).
   */
  public static final String JOB_TIMEOUT_HEADER = "jobTimeout";

  /** Task header: ISO-8601 backoff between retries of transient faults. */
  public static final String RETRY_BACKOFF_HEADER = "retryBackoff";

  /**
   * Where the submit result goes unless the task header {@value #RESULT_VARIABLE_HEADER} names
   * another variable.
   */
  public static final String DEFAULT_SUBMIT_RESULT = "pixverse";

  /** Where a status check's result goes unless the task header names another variable. */
  public static final String DEFAULT_AWAIT_RESULT = "pixverseStatus";

  /** Where the kept video's description goes unless the task header names another variable. */
  public static final String DEFAULT_DOWNLOAD_RESULT = "pixverseFile";

  /** What the Submit video template binds: the generation fields, the mode and the budget. */
  public static final List<String> SUBMIT_INPUTS;

  /** What the Await task template binds. */
  public static final List<String> AWAIT_INPUTS = List.of(TASK_ID, SUBMISSION, PREVIOUS_STATUS);

  /** What the Download video template binds. */
  public static final List<String> DOWNLOAD_INPUTS =
      List.of(VIDEO_URL, TASK_ID, OBJECT_KEY, OVERWRITE);

  static {
    List<String> submit = new ArrayList<>(GenerationInput.FIELDS);
    submit.add(MODE);
    submit.add(MAX_CREDITS);
    SUBMIT_INPUTS = List.copyOf(submit);
  }

  /**
   * What the submit worker fetches: its inputs plus its records of an earlier attempt and accepted
   * submit.
   */
  public static final String[] SUBMIT_FETCH =
      fetch(SUBMIT_INPUTS, SUBMITTED_TASK_ID, SUBMITTED_AT, SUBMIT_ATTEMPT, SUBMIT_WAIT, DEADLINE);

  /** What the await worker fetches: its inputs. */
  public static final String[] AWAIT_FETCH = fetch(AWAIT_INPUTS);

  /** Also the key of tasks still on a template before version 3. */
  public static final String[] DOWNLOAD_FETCH = fetch(DOWNLOAD_INPUTS, FILE_NAME);

  private static String[] fetch(List<String> inputs, String... more) {
    List<String> all = new ArrayList<>(inputs);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private Variables() {}
}
