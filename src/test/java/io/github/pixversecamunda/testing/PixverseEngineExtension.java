package io.github.pixversecamunda.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.pixversecamunda.simulator.PixverseSimulator;
import io.github.pixversecamunda.worker.PollSchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The set-up every engine test shares: one in-memory engine per test class (or per test, with
 * {@link #oneEnginePerTest()}) with the processes deployed, and for each test a fresh {@link
 * EngineFixture} (simulator, client, downloader, storage folder, workers) that is torn down after
 * the test, whatever it left open.
 *
 * <p>Registered on a static field so that each class tunes it:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PixverseEngineExtension PIXVERSE =
 *     PixverseEngineExtension.deploying(Path.of("bpmn"), Path.of("bpmn", "examples"))
 *         .simulator(s -> s.completeOnPoll(2))
 *         .openWorkersBeforeEach();
 * }</pre>
 *
 * Tests and lifecycle methods take the fixture as an {@code EngineFixture} parameter; a
 * parameterized test takes it after its arguments, and gets a fresh one for each of them.
 *
 * <p>A Spring Boot test builds its context once per class, from the simulator's address and the
 * storage folder: {@link #oneFixturePerClass()} makes the fixture before the class's first test, so
 * that a {@code @DynamicPropertySource} method can read it from {@link #fixture()}. A test that
 * starts an application itself ({@code SpringApplication.run}) takes the addresses from its own
 * fixture, through {@code spring/SpringOnEngine.properties}.
 */
public final class PixverseEngineExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {

  /** Fast polling, so that a generation on the simulator ends within a second or two. */
  public static final PollSchedule FAST =
      new PollSchedule(Duration.ofSeconds(1), Duration.ofSeconds(2));

  private final List<Path> folders;
  private UnaryOperator<PixverseSimulator> simulatorSettings = s -> s.completeOnPoll(1);
  private PollSchedule schedule = FAST;
  private boolean workersBeforeEach;
  private boolean fixturePerClass;
  private boolean enginePerTest;
  private String skipWhenMissing;

  private EngineHarness engine;
  private EngineFixture fixture;

  private PixverseEngineExtension(List<Path> folders) {
    this.folders = folders;
  }

  /** The processes of bpmn/ and the forms of forms/, as {@link EngineHarness} deploys them. */
  public static PixverseEngineExtension withBundledProcesses() {
    return new PixverseEngineExtension(List.of(Path.of("bpmn"), Path.of("forms")));
  }

  /**
   * An engine with nothing deployed, for an application under test that deploys its own processes.
   */
  public static PixverseEngineExtension withoutProcesses() {
    return new PixverseEngineExtension(List.of());
  }

  /** Every .bpmn and .form file of these folders, in one deployment. */
  public static PixverseEngineExtension deploying(Path... folders) {
    return new PixverseEngineExtension(List.of(folders));
  }

  /**
   * How each test's simulator is set up before it starts (faults, answer shapes, timing); by
   * default it completes a task on its first poll.
   */
  public PixverseEngineExtension simulator(UnaryOperator<PixverseSimulator> settings) {
    this.simulatorSettings = settings;
    return this;
  }

  /** The workers' poll schedule; {@link #FAST} unless set. */
  public PixverseEngineExtension schedule(PollSchedule schedule) {
    this.schedule = schedule;
    return this;
  }

  /**
   * Opens the three workers on the fixture's client and downloader before each test (once, before
   * the first, with {@link #oneFixturePerClass()}).
   */
  public PixverseEngineExtension openWorkersBeforeEach() {
    this.workersBeforeEach = true;
    return this;
  }

  /**
   * One fixture for the whole class instead of one per test: made before the class's first test,
   * closed after its last one.
   */
  public PixverseEngineExtension oneFixturePerClass() {
    this.fixturePerClass = true;
    return this;
  }

  /**
   * A fresh engine for each test, with the processes deployed again, instead of one per class: for
   * tests that kill a worker process, whose job streams the gateway keeps until it notices the dead
   * connection, and would push the next test's jobs to.
   */
  public PixverseEngineExtension oneEnginePerTest() {
    this.enginePerTest = true;
    return this;
  }

  /**
   * Skips the class, with this reason, when the first folder to deploy does not exist (one a
   * skipped build step writes), instead of failing it; a missing later folder still fails.
   */
  public PixverseEngineExtension skipWhenMissing(String reason) {
    this.skipWhenMissing = reason;
    return this;
  }

  /**
   * The engine of the running test class, or of the running test with {@link #oneEnginePerTest()}
   * (for helpers that are not handed a fixture).
   */
  public EngineHarness engine() {
    return engine;
  }

  /** The fixture of the running test, or of the class with {@link #oneFixturePerClass()}. */
  public EngineFixture fixture() {
    if (fixture == null) {
      throw new IllegalStateException(
          fixturePerClass
              ? "the class's EngineFixture exists only once its tests have begun"
              : "an EngineFixture exists only around a test method");
    }
    return fixture;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (enginePerTest && fixturePerClass) {
      throw new IllegalStateException(
          "oneEnginePerTest() and oneFixturePerClass() exclude each other: a fixture lives on one"
              + " engine");
    }
    if (skipWhenMissing != null) {
      assumeTrue(Files.isDirectory(folders.get(0)), skipWhenMissing);
    }
    if (!enginePerTest) {
      openEngine();
    }
    if (fixturePerClass) {
      openFixture();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (enginePerTest) {
      openEngine();
    }
    if (!fixturePerClass) {
      openFixture();
    }
  }

  private void openEngine() {
    engine = new EngineHarness();
    if (!folders.isEmpty()) {
      engine.deployProcesses(folders.toArray(Path[]::new));
    }
  }

  private void openFixture() {
    fixture = new EngineFixture(engine, simulatorSettings, schedule);
    if (workersBeforeEach) {
      fixture.openWorkers();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      if (!fixturePerClass) {
        closeFixture();
      }
    } finally {
      if (enginePerTest) {
        closeEngine();
      }
    }
  }

  private void closeFixture() {
    if (fixture != null) {
      EngineFixture closing = fixture;
      fixture = null;
      closing.close();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      closeFixture();
    } finally {
      closeEngine();
    }
  }

  private void closeEngine() {
    if (engine != null) {
      EngineHarness closing = engine;
      engine = null;
      closing.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == EngineFixture.class || type == EngineHarness.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.getParameter().getType() == EngineHarness.class) {
      return engine;
    }
    return fixture();
  }
}
