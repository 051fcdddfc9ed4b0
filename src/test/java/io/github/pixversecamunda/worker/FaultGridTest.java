package io.github.pixversecamunda.worker;

import static io.github.pixversecamunda.worker.FaultGridTest.ApiFault.*;
import static io.github.pixversecamunda.worker.FaultGridTest.Phase.CHECK;
import static io.github.pixversecamunda.worker.FaultGridTest.Phase.DOWNLOAD;
import static io.github.pixversecamunda.worker.FaultGridTest.Phase.SUBMIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pixversecamunda.api.AccountLimits;
import io.github.pixversecamunda.api.GenerationRequest;
import io.github.pixversecamunda.api.PixverseClient;
import io.github.pixversecamunda.api.PixverseClientConfig;
import io.github.pixversecamunda.download.DownloadSettings;
import io.github.pixversecamunda.download.VideoDownloader;
import io.github.pixversecamunda.simulator.Endpoint;
import io.github.pixversecamunda.simulator.Fault;
import io.github.pixversecamunda.simulator.PixverseSimulator;
import io.github.pixversecamunda.testing.EngineFixture;
import io.github.pixversecamunda.testing.EngineHarness;
import io.github.pixversecamunda.testing.PixverseEngineExtension;
import io.github.pixversecamunda.testing.ProcessIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The failure table of docs/failures.md, cell by cell: every phase of a generation (submit, check,
 * download) meets every fault of the API or the file host, on the in-memory engine with the shipped
 * text-to-video process, the real workers and the simulator. Each row states what the instance does
 * (the end event it reaches and the BPMN error code, or the incident it raises and what the
 * operator does to resume it), how many submits reached the API and how many paid tasks exist.
 * Every instance ends: none is left waiting silently.
 *
 * <p>A transient fault keeps failing until the job's retries are gone: the incident must say what
 * to do, and once the cause is gone and the operator raises the retries, the instance finishes with
 * no second paid task.
 */
// Slow: every phase against every fault on the engine, 51 cells.
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultGridTest {

  // Ids in the shipped single-video processes; the one place to change when they are renamed.
  private static final String PROCESS = ProcessIds.TEXT_TO_VIDEO;
  private static final String END_VIDEO_READY = ProcessIds.END_VIDEO_READY;
  private static final String END_INSUFFICIENT_CREDITS = ProcessIds.END_INSUFFICIENT_CREDITS;
  private static final String END_TASK_NOT_FOUND = ProcessIds.END_TASK_NOT_FOUND;
  private static final String END_DOWNLOAD_REFUSED = ProcessIds.END_DOWNLOAD_REFUSED;
  private static final String END_VIDEO_EXPIRED = ProcessIds.END_VIDEO_EXPIRED;
  private static final String WAIT_BEFORE_NEXT_CHECK = ProcessIds.WAIT_BEFORE_NEXT_CHECK;
  private static final String DOWNLOAD_STEP = ProcessIds.DOWNLOAD_VIDEO;

  /** {@code retries="3"} on each task of the shipped process. */
  private static final int JOB_RETRIES = 3;

  /** Longer than every retry backoff of the shipped process (PT10S, PT5S, PT30S). */
  private static final Duration PAST_BACKOFF = Duration.ofSeconds(31);

  /** With nothing happening in the engine for this long, the instance waits for engine time. */
  private static final long IDLE_MILLIS = 200;

  /**
   * Shorter than {@link #LATE}: the read-timeout fault outlasts it. Short, because while a call is
   * open the engine is idle and the grid moves engine time on: a longer call would outlive its
   * job's timeout. {@link #warmUp} keeps the first cell of a cold JVM inside it.
   */
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(1);

  private static final Duration LATE = Duration.ofMillis(2500);

  /** Waits for the account's limit run in real time: short ones keep the grid quick. */
  private static final AccountLimits LIMIT_WAITS =
      new AccountLimits(8, Duration.ofMillis(200), Duration.ofSeconds(2));

  // Incident messages the workers raise, as an operator reads them.
  private static final String NO_RETRIES_LEFT = "no retries left: raise the job's retries";
  private static final String PAID_TASK_MAY_EXIST = "a paid task may exist";
  private static final String FIX_API_KEY = "fix pixverse.api-key";
  private static final String CHECK_BASE_URL = "check pixverse.base-url";

  enum Phase {
    SUBMIT(Endpoint.SUBMIT),
    CHECK(Endpoint.STATUS),
    DOWNLOAD(Endpoint.DOWNLOAD);

    final Endpoint endpoint;

    Phase(Endpoint endpoint) {
      this.endpoint = endpoint;
    }
  }

  /** The faults of the grid and how the simulator plays each at an endpoint. */
  enum ApiFault {
    RATE_LIMITED_RETRY_AFTER("429 with Retry-After"),
    RATE_LIMITED("429 without Retry-After"),
    HTTP_500("500"),
    HTTP_502("502"),
    HTTP_503("503"),
    REFUSED("connection refused"),
    RESET_BEFORE_READ("reset before the request is read"),
    RESET_AFTER_READ("reset after the request is read"),
    READ_TIMEOUT("read timeout"),
    MALFORMED_JSON("malformed JSON"),
    HTML_200("HTML page with 200"),
    ERROR_IN_200("error envelope (500) inside 200"),
    UNKNOWN_STATUS("unknown status"),
    COMPLETED_WITHOUT_URL("completed without URL"),
    HTTP_401("401"),
    HTTP_402("402"),
    HTTP_404("404");

    final String label;

    ApiFault(String label) {
      this.label = label;
    }

    /**
     * The simulator's fault at the phase's endpoint; null for {@link #REFUSED} (nothing listens).
     */
    Fault at(Phase phase) {
      return switch (this) {
        case RATE_LIMITED_RETRY_AFTER -> Fault.status(429, Duration.ofSeconds(1));
        case RATE_LIMITED -> Fault.status(429);
        case HTTP_500 -> Fault.status(500);
        case HTTP_502 -> Fault.status(502);
        case HTTP_503 -> Fault.status(503);
        case REFUSED -> null;
        case RESET_BEFORE_READ -> Fault.dropBeforeRead();
        case RESET_AFTER_READ -> Fault.dropAfterRead();
        // A submit is handled (and paid) at once and answered too late; the others answer too late.
        case READ_TIMEOUT -> phase == SUBMIT ? Fault.answerLate(LATE) : Fault.delay(LATE);
        case MALFORMED_JSON -> Fault.truncatedJson();
        case HTML_200 -> Fault.htmlPage();
        case ERROR_IN_200 -> Fault.errorInOk(500);
        // A file host has no status word: its nearest kin is an HTTP status the downloader has no
        // rule for.
        case UNKNOWN_STATUS -> phase == DOWNLOAD ? Fault.status(418) : Fault.unknownStatus();
        case COMPLETED_WITHOUT_URL -> Fault.completedWithoutUrl();
        case HTTP_401 -> Fault.status(401);
        case HTTP_402 -> Fault.status(402);
        case HTTP_404 -> Fault.status(404);
      };
    }
  }

  /** What the operator does to an incident, as its message tells. */
  enum Resume {
    /** The cause is gone (or was fixed in the configuration): raise the retries. */
    RAISE_RETRIES,
    /** The task exists in API in One's task list: set its id on the task, then retry. */
    SET_TASK_ID,
    /** No task exists in the task list: clear the attempt, then retry (which submits). */
    CLEAR_ATTEMPT
  }

  /**
   * What an instance does: reach an end event (with a BPMN error code), or raise an incident first.
   */
  record Outcome(String incidentSays, Resume resume, String endEvent, String errorCode) {

    @Override
    public String toString() {
      String end = endEvent + (errorCode == null ? "" : " (" + errorCode + ")");
      return incidentSays == null
          ? end
          : "incident '" + incidentSays + "', " + resume + " → " + end;
    }
  }

  private static Outcome ends(String endEvent) {
    return new Outcome(null, null, endEvent, null);
  }

  private static Outcome error(String endEvent, String code) {
    return new Outcome(null, null, endEvent, code);
  }

  /** An incident; resumed as the message says, the instance reaches the video. */
  private static Outcome incident(String says, Resume resume) {
    return new Outcome(says, resume, END_VIDEO_READY, null);
  }

  /**
   * One cell of the grid.
   *
   * @param submits submit requests that reached the API
   * @param paid tasks the API created (each one a paid video)
   * @param why what the failure table says, or what happens where the fault makes little sense
   */
  record Cell(Phase phase, ApiFault fault, Outcome outcome, int submits, int paid, String why) {

    @Override
    public String toString() {
      return phase.name().toLowerCase()
          + " × "
          + fault.label
          + " → "
          + outcome
          + "; submits "
          + submits
          + ", paid "
          + paid;
    }
  }

  private static Cell cell(
      Phase phase, ApiFault fault, Outcome outcome, int submits, int paid, String why) {
    return new Cell(phase, fault, outcome, submits, paid, why);
  }

  static Stream<Cell> grid() {
    Outcome exhausted = incident(NO_RETRIES_LEFT, Resume.RAISE_RETRIES);
    Outcome paidTaskExists = incident(PAID_TASK_MAY_EXIST, Resume.SET_TASK_ID);
    Outcome paidTaskMissing = incident(PAID_TASK_MAY_EXIST, Resume.CLEAR_ATTEMPT);
    Outcome refused = error(END_DOWNLOAD_REFUSED, ErrorCodes.DOWNLOAD_REFUSED);
    int retried =
        JOB_RETRIES + 1; // every retry spent, then one more after the operator raised them
    return Stream.of(
        // ---- submit: nothing paid twice; a fault that proves no task exists is retried
        // -------------
        cell(
            SUBMIT,
            RATE_LIMITED_RETRY_AFTER,
            ends(END_VIDEO_READY),
            JOB_RETRIES + 2,
            1,
            "429: the account's limit, the submit waits (Retry-After) without spending a retry"),
        cell(
            SUBMIT,
            RATE_LIMITED,
            ends(END_VIDEO_READY),
            JOB_RETRIES + 2,
            1,
            "429: the account's limit, the submit waits (growing backoff) without spending a retry"),
        cell(SUBMIT, HTTP_500, exhausted, retried, 1, "5xx: job retry"),
        cell(
            SUBMIT,
            HTTP_502,
            paidTaskMissing,
            2,
            1,
            "502 after a POST: outcome unknown, no resend"),
        cell(SUBMIT, HTTP_503, exhausted, retried, 1, "5xx: job retry"),
        cell(SUBMIT, REFUSED, exhausted, 1, 1, "no connection: job retry; nothing reached the API"),
        cell(
            SUBMIT,
            RESET_BEFORE_READ,
            paidTaskMissing,
            2,
            1,
            "connection lost: the worker cannot tell whether the API read it, outcome unknown"),
        cell(SUBMIT, RESET_AFTER_READ, paidTaskExists, 1, 1, "connection lost: outcome unknown"),
        cell(SUBMIT, READ_TIMEOUT, paidTaskExists, 1, 1, "timeout: outcome unknown"),
        cell(SUBMIT, MALFORMED_JSON, paidTaskExists, 1, 1, "unreadable answer: outcome unknown"),
        cell(SUBMIT, HTML_200, paidTaskExists, 1, 1, "unreadable answer: outcome unknown"),
        cell(
            SUBMIT,
            ERROR_IN_200,
            exhausted,
            retried,
            1,
            "the code inside a 200 counts: 5xx, job retry"),
        cell(
            SUBMIT,
            UNKNOWN_STATUS,
            ends(END_VIDEO_READY),
            1,
            1,
            "little sense: the submit answer's status word is only recorded; the checks follow"),
        cell(
            SUBMIT,
            COMPLETED_WITHOUT_URL,
            ends(END_VIDEO_READY),
            1,
            1,
            "little sense: the submit answer's URL is never read; the check finds it"),
        cell(
            SUBMIT,
            HTTP_401,
            incident(FIX_API_KEY, Resume.RAISE_RETRIES),
            2,
            1,
            "key rejected: incident"),
        cell(
            SUBMIT,
            HTTP_402,
            error(END_INSUFFICIENT_CREDITS, ErrorCodes.INSUFFICIENT_CREDITS),
            1,
            0,
            "insufficient credits: BPMN error, nothing paid"),
        cell(
            SUBMIT,
            HTTP_404,
            incident(CHECK_BASE_URL, Resume.RAISE_RETRIES),
            2,
            1,
            "endpoint missing: incident to fix the base URL"),

        // ---- check: a status check changes nothing server-side, so it may always be repeated
        // ---------
        cell(
            CHECK,
            RATE_LIMITED_RETRY_AFTER,
            ends(END_VIDEO_READY),
            1,
            1,
            "429 while checking: waits in the BPMN timer, no retry spent"),
        cell(
            CHECK,
            RATE_LIMITED,
            ends(END_VIDEO_READY),
            1,
            1,
            "429 while checking: waits in the BPMN timer, no retry spent"),
        cell(CHECK, HTTP_500, exhausted, 1, 1, "5xx: job retry"),
        cell(CHECK, HTTP_502, exhausted, 1, 1, "5xx: job retry (a check is not a paid request)"),
        cell(CHECK, HTTP_503, exhausted, 1, 1, "5xx: job retry"),
        cell(CHECK, REFUSED, exhausted, 1, 1, "no connection: job retry"),
        cell(CHECK, RESET_BEFORE_READ, exhausted, 1, 1, "connection lost: job retry"),
        cell(CHECK, RESET_AFTER_READ, exhausted, 1, 1, "connection lost: job retry"),
        cell(CHECK, READ_TIMEOUT, exhausted, 1, 1, "timeout: job retry"),
        cell(CHECK, MALFORMED_JSON, exhausted, 1, 1, "unreadable answer: job retry"),
        cell(CHECK, HTML_200, exhausted, 1, 1, "unreadable answer: job retry"),
        cell(CHECK, ERROR_IN_200, exhausted, 1, 1, "the code inside a 200 counts: 5xx, job retry"),
        cell(
            CHECK,
            UNKNOWN_STATUS,
            ends(END_VIDEO_READY),
            1,
            1,
            "unknown status word: still running, checked again after the timer"),
        cell(
            CHECK,
            COMPLETED_WITHOUT_URL,
            refused,
            1,
            1,
            "completed without URL: rawAnswer kept, the download step refuses the missing URL"),
        cell(
            CHECK,
            HTTP_401,
            incident(FIX_API_KEY, Resume.RAISE_RETRIES),
            1,
            1,
            "key rejected: incident"),
        cell(
            CHECK,
            HTTP_402,
            error(END_INSUFFICIENT_CREDITS, ErrorCodes.INSUFFICIENT_CREDITS),
            1,
            1,
            "little sense for a check: the API's 402 reads as insufficient credits, a BPMN error"),
        cell(
            CHECK,
            HTTP_404,
            error(END_TASK_NOT_FOUND, ErrorCodes.TASK_NOT_FOUND),
            1,
            1,
            "unknown task id: BPMN error"),

        // ---- download: the file host, not the API
        // ---------------------------------------------------
        cell(
            DOWNLOAD,
            RATE_LIMITED_RETRY_AFTER,
            exhausted,
            1,
            1,
            "429 from the file host: job retry after the task's backoff (its Retry-After is not read)"),
        cell(DOWNLOAD, RATE_LIMITED, exhausted, 1, 1, "429 from the file host: job retry"),
        cell(DOWNLOAD, HTTP_500, exhausted, 1, 1, "5xx: job retry, no partial file"),
        cell(DOWNLOAD, HTTP_502, exhausted, 1, 1, "5xx: job retry, no partial file"),
        cell(DOWNLOAD, HTTP_503, exhausted, 1, 1, "5xx: job retry, no partial file"),
        cell(DOWNLOAD, REFUSED, exhausted, 1, 1, "no connection: job retry"),
        cell(DOWNLOAD, RESET_BEFORE_READ, exhausted, 1, 1, "interrupted: job retry"),
        cell(DOWNLOAD, RESET_AFTER_READ, exhausted, 1, 1, "truncated: job retry, no partial file"),
        cell(DOWNLOAD, READ_TIMEOUT, exhausted, 1, 1, "interrupted: job retry"),
        cell(DOWNLOAD, MALFORMED_JSON, refused, 1, 1, "JSON is not a video: refused"),
        cell(DOWNLOAD, HTML_200, refused, 1, 1, "an HTML page is not a video: refused"),
        cell(DOWNLOAD, ERROR_IN_200, refused, 1, 1, "JSON is not a video: refused"),
        cell(
            DOWNLOAD,
            UNKNOWN_STATUS,
            refused,
            1,
            1,
            "a file has no status word; an HTTP status without a rule (418) is refused"),
        cell(
            DOWNLOAD,
            COMPLETED_WITHOUT_URL,
            refused,
            1,
            1,
            "a file host's 'done but nothing there': 200 with no bytes is not a video, refused"),
        cell(
            DOWNLOAD,
            HTTP_401,
            refused,
            1,
            1,
            "little sense for a file host: a 4xx without a rule, refused"),
        cell(
            DOWNLOAD,
            HTTP_402,
            refused,
            1,
            1,
            "little sense for a file host: a 4xx without a rule, refused"),
        cell(
            DOWNLOAD,
            HTTP_404,
            error(END_VIDEO_EXPIRED, ErrorCodes.VIDEO_EXPIRED),
            1,
            1,
            "file host 404: the result URL has expired"));
  }

  // One engine for the grid; each cell gets a fresh fixture (its own simulator, started by the cell
  // with the faults it plays, and an empty storage folder), closed after the cell.
  @RegisterExtension
  static final PixverseEngineExtension PIXVERSE = PixverseEngineExtension.withBundledProcesses();

  private EngineHarness engine;
  private PixverseSimulator simulator;
  private final List<String> stuck = new ArrayList<>();
  private int cells;
  private int maxPaid;
  private int maxSubmits;
  private long started;

  /**
   * The cell's instance; cancelled after a failed cell so that its jobs cannot reach the next
   * cell's workers.
   */
  private long current = -1;

  @BeforeAll
  void startClock(EngineHarness engine, @TempDir Path warmUpDirectory) throws Exception {
    started = System.nanoTime();
    this.engine = engine;
    warmUp(warmUpDirectory);
  }

  /**
   * One submit, check and download outside the grid, with generous timeouts: the first call of a
   * cold JVM loads the HTTP client, Jackson and the simulator, which can take longer than {@link
   * #CLIENT_TIMEOUT} on a loaded machine and would fail the first cell for a reason it does not
   * test.
   */
  private static void warmUp(Path directory) throws Exception {
    try (PixverseSimulator warm = new PixverseSimulator().completeOnPoll(1).start()) {
      PixverseClient client =
          new PixverseClient(PixverseClientConfig.of(warm.baseUrl(), warm.apiKey()));
      String taskId = client.submit(GenerationRequest.builder().prompt("warm-up").build()).taskId();
      String url = client.status(taskId).videoUrl();
      try (VideoDownloader downloader =
          VideoDownloader.intoDirectory(DownloadSettings.of(directory).withAllowLoopback(true))) {
        downloader.download(url, null, taskId, false);
      }
    }
  }

  @AfterAll
  void printFigures() {
    System.out.printf(
        "Fault grid: %d cells, max paid tasks per instance %d, max submit requests per instance %d,"
            + " instances stuck %d %s, %d s%n",
        cells,
        maxPaid,
        maxSubmits,
        stuck.size(),
        stuck,
        Duration.ofNanos(System.nanoTime() - started).toSeconds());
  }

  // Before the fixture closes the cell's workers, simulator and downloader.
  @AfterEach
  void cancelTheCellsInstance() {
    if (current > 0 && !engine.isCompleted(current)) {
      engine.cancel(current);
    }
    current = -1;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("grid")
  void eachFaultInEachPhaseEndsAsTheTableSays(Cell cell, EngineFixture fixture) throws IOException {
    Phase phase = cell.phase();
    Outcome outcome = cell.outcome();
    boolean refused = cell.fault() == REFUSED;
    // A refused check needs a first check that answered (running), before the API goes away.
    simulator = fixture.startSimulator(s -> s.completeOnPoll(phase == CHECK && refused ? 2 : 1));
    int port = simulator.port();
    PixverseClient api =
        new PixverseClient(
            PixverseClientConfig.of(simulator.baseUrl(), simulator.apiKey())
                .withTimeouts(CLIENT_TIMEOUT, CLIENT_TIMEOUT)
                .withLimits(LIMIT_WAITS));
    Path directory = fixture.storage();
    VideoDownloader downloader =
        VideoDownloader.intoDirectory(
            DownloadSettings.of(directory)
                .withAllowLoopback(true)
                .withRequestTimeout(CLIENT_TIMEOUT));
    if (!refused) {
      // More faults than retries: a fault ending in an incident outlasts every retry (twice over,
      // as
      // the JDK client repeats a GET once on a lost connection) and is gone at the operator's turn;
      // one ending without an incident shows that it spent no retry.
      int times = outcome.incidentSays() == null ? JOB_RETRIES + 1 : 2 * JOB_RETRIES + 2;
      simulator.inject(phase.endpoint, times, cell.fault().at(phase));
    }

    long instance;
    if (refused && phase == SUBMIT) {
      simulator.close();
      fixture.openWorkers(api, downloader);
      instance = start();
    } else if (refused && phase == CHECK) {
      fixture.openWorkers(api, downloader);
      instance = start();
      engine.awaitWaitingAt(instance, WAIT_BEFORE_NEXT_CHECK);
      simulator.close();
    } else if (refused) {
      // The download worker opens only once the API has gone: the check before it must succeed.
      fixture.closeAfterTest(downloader);
      PixverseWorkers.open(engine.client(), api, PixverseEngineExtension.FAST)
          .forEach(fixture::closeAfterTest);
      instance = start();
      engine.awaitWaitingAt(instance, DOWNLOAD_STEP);
      simulator.close();
      fixture.closeAfterTest(
          engine
              .client()
              .newWorker()
              .jobType(JobTypes.DOWNLOAD_VIDEO)
              .handler(new DownloadVideoHandler(downloader, api.config(), WorkerEvents.NONE))
              .timeout(PixverseWorkers.DOWNLOAD_JOB_TIMEOUT)
              .fetchVariables(Variables.DOWNLOAD_FETCH)
              .open());
    } else {
      fixture.openWorkers(api, downloader);
      instance = start();
    }

    driveUntilSettled(instance);
    if (outcome.incidentSays() != null) {
      List<String> incidents = engine.openIncidents(instance);
      assertThat(engine.isCompleted(instance)).as("completed without the incident").isFalse();
      assertThat(incidents).singleElement().asString().containsIgnoringCase(outcome.incidentSays());
      // The operator's turn: the cause is gone, then the resume the message asks for.
      if (refused) {
        simulator.start(port);
      }
      simulator.clearFaults();
      engine.resolveIncidents(instance, resumeVariables(outcome.resume()));
      driveUntilSettled(instance);
    }

    int paid = simulator.tasksCreated();
    int submits = simulator.requests(Endpoint.SUBMIT);
    cells++;
    maxPaid = Math.max(maxPaid, paid);
    maxSubmits = Math.max(maxSubmits, submits);
    if (!engine.isCompleted(instance)) {
      stuck.add(cell.phase() + "×" + cell.fault());
    }
    assertThat(engine.openIncidents(instance)).as("open incidents").isEmpty();
    assertThat(engine.isCompleted(instance)).as("instance completed").isTrue();
    assertThat(engine.endEvents(instance)).as(cell.why()).containsExactly(outcome.endEvent());
    if (outcome.incidentSays() == null) {
      assertThat(engine.incidents(instance)).as("incidents, ever (%s)", cell.why()).isEmpty();
    }
    if (outcome.errorCode() != null) {
      assertThat(engine.variable(instance, Variables.ERROR).path("code").asText())
          .isEqualTo(outcome.errorCode());
    }
    assertThat(submits).as("submit requests").isEqualTo(cell.submits());
    assertThat(paid).as("paid tasks").isEqualTo(cell.paid());
    if (paid == 1) {
      assertThat(engine.variable(instance, Variables.DEFAULT_SUBMIT_RESULT).path("taskId").asText())
          .isEqualTo(simulator.taskIds().get(0));
    }
    if (END_VIDEO_READY.equals(outcome.endEvent())) {
      try (Stream<Path> files = Files.list(directory)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .containsExactly(simulator.taskIds().get(0) + ".mp4");
      }
    } else if (phase == DOWNLOAD) {
      try (Stream<Path> files = Files.list(directory)) {
        assertThat(files).as("no file kept").isEmpty();
      }
    }
  }

  private long start() {
    // A deadline far beyond the engine time the retries' backoffs skip.
    current =
        engine.start(PROCESS, Map.of("prompt", "A lighthouse in a storm", "deadline", "PT6H"));
    return current;
  }

  private Map<String, Object> resumeVariables(Resume resume) {
    Map<String, Object> variables = new HashMap<>();
    switch (resume) {
      case RAISE_RETRIES -> {}
      case SET_TASK_ID -> variables.put(Variables.SUBMITTED_TASK_ID, simulator.taskIds().get(0));
      case CLEAR_ATTEMPT -> {
        assertThat(simulator.tasksCreated())
            .as("the operator finds no task in the task list")
            .isZero();
        variables.put(Variables.SUBMIT_ATTEMPT, null);
      }
    }
    return variables;
  }

  /**
   * Waits until the instance completed or has an open incident. Whenever the engine stays quiet,
   * the instance waits for engine time (a retry backoff, a timer): the clock moves past it.
   */
  private void driveUntilSettled(long instance) {
    BooleanSupplier settled =
        () -> engine.isCompleted(instance) || !engine.openIncidents(instance).isEmpty();
    long deadline = System.nanoTime() + EngineHarness.WAIT.toNanos();
    long seen = -1;
    long quietSince = System.nanoTime();
    while (true) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "instance " + instance + " neither completed nor raised an incident");
      }
      long count = engine.recordCount(instance);
      if (count != seen) {
        // Only a new record can settle the instance.
        if (settled.getAsBoolean()) {
          return;
        }
        seen = count;
        quietSince = System.nanoTime();
      } else if (System.nanoTime() - quietSince > IDLE_MILLIS * 1_000_000) {
        engine.increaseTime(PAST_BACKOFF);
        quietSince = System.nanoTime();
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
