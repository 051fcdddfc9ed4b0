package io.github.pixversecamunda.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.value.JobWorkerValue;
import io.github.pixversecamunda.api.PixverseClient;
import io.github.pixversecamunda.worker.PixverseWorkers;
import io.github.pixversecamunda.worker.Variables;
import io.github.pixversecamunda.worker.WorkerSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Which beans the auto-configuration contributes under which settings (no engine needed). */
class PixverseAutoConfigurationTest {

  // Static, so that it exists before the runner below is built.
  @TempDir static Path downloads;

  private final ApplicationContextRunner runner = PixverseContextRunner.withoutKey(downloads);
  private final ApplicationContextRunner keyed = PixverseContextRunner.withKey(downloads);

  @Test
  void nothingStartsWithoutAKey() {
    runner.run(
        context -> {
          assertThat(context).doesNotHaveBean(PixverseClient.class);
          assertThat(context).doesNotHaveBean(SubmitVideoJobWorker.class);
          assertThat(context).doesNotHaveBean(AwaitTaskJobWorker.class);
          assertThat(context).doesNotHaveBean(BundledProcessDeployer.class);
        });
  }

  @Test
  void theBundledProcessesAreDeployedOnlyWhenAsked() {
    keyed.run(context -> assertThat(context).doesNotHaveBean(BundledProcessDeployer.class));
    // Deploying needs no key: an application may deploy and leave the workers to another.
    runner
        .withPropertyValues("pixverse.deploy-processes=true")
        .run(
            context -> {
              assertThat(context).hasSingleBean(BundledProcessDeployer.class);
              assertThat(context).doesNotHaveBean(PixverseClient.class);
            });
    runner
        .withInitializer(
            PixverseContextRunner.environment(Map.of("PIXVERSE_DEPLOY_PROCESSES", "true")))
        .run(context -> assertThat(context).hasSingleBean(BundledProcessDeployer.class));
  }

  @Test
  void bothWorkersStartWithAKeyAndEachCanBeSwitchedOff() {
    keyed.run(
        context -> {
          assertThat(context).hasSingleBean(SubmitVideoJobWorker.class);
          assertThat(context).hasSingleBean(AwaitTaskJobWorker.class);
        });
    keyed
        .withPropertyValues("pixverse.workers.submit.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(SubmitVideoJobWorker.class);
              assertThat(context).hasSingleBean(AwaitTaskJobWorker.class);
            });
  }

  @Test
  void theWorkersNeedNeitherActuatorNorAPrometheusRegistry() {
    // Both are optional dependencies: a library user without them still gets every worker and the
    // drain.
    keyed
        .withClassLoader(
            new FilteredClassLoader(
                "org.springframework.boot.actuate", "io.micrometer.prometheusmetrics"))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasSingleBean(SubmitVideoJobWorker.class);
              assertThat(context).hasSingleBean(AwaitTaskJobWorker.class);
              assertThat(context).hasSingleBean(DownloadVideoJobWorker.class);
              assertThat(context).hasSingleBean(PixverseWorkerDrain.class);
              assertThat(context).doesNotHaveBean(PixverseApiHealthIndicator.class);
            });
  }

  @Test
  void springWorkersTakeTheirTimeoutAndFetchListFromTheOneWorkerSpec() throws Exception {
    // The annotations state only the job type; everything else comes from PixverseWorkers.
    for (String method : new String[] {"submitVideo", "awaitTask", "downloadVideo"}) {
      JobWorker annotation = annotation(method);
      assertThat(annotation.timeout()).as(method).isEqualTo(-1L);
      assertThat(annotation.fetchVariables()).as(method).isEmpty();
    }
    PixverseJobWorkerCustomizer customizer = new PixverseJobWorkerCustomizer();
    for (WorkerSpec spec : PixverseWorkers.ALL) {
      JobWorkerValue value = new JobWorkerValue();
      value.setType(spec.type());
      customizer.customize(value);
      assertThat(value.getTimeout()).isEqualTo(spec.timeout());
      assertThat(value.getFetchVariables()).containsExactlyElementsOf(spec.fetchVariables());
    }
    assertThat(PixverseWorkers.SUBMIT.fetchVariables())
        .containsExactlyInAnyOrder(Variables.SUBMIT_FETCH);
    assertThat(PixverseWorkers.DOWNLOAD.timeout()).isEqualTo(Duration.ofMinutes(30));
  }

  private static JobWorker annotation(String method) {
    for (Class<?> type :
        new Class<?>[] {
          SubmitVideoJobWorker.class, AwaitTaskJobWorker.class, DownloadVideoJobWorker.class
        }) {
      for (var candidate : type.getMethods()) {
        if (candidate.getName().equals(method)) {
          return candidate.getAnnotation(JobWorker.class);
        }
      }
    }
    throw new AssertionError("no method " + method);
  }

  @Test
  void bindsPropertiesAndTheDocumentedEnvironmentVariables() {
    runner
        .withInitializer(
            PixverseContextRunner.environment(
                Map.of(
                    "PIXVERSE_API_KEY", "aio_from_environment",
                    "PIXVERSE_BASE_URL", "http://127.0.0.1:9/api/v1")))
        .withPropertyValues(
            "pixverse.request-timeout=5s", "pixverse.poll.floor=2s", "pixverse.max-in-flight=7")
        .run(
            context -> {
              PixverseClient client = context.getBean(PixverseClient.class);
              assertThat(client.config().baseUrl()).hasToString("http://127.0.0.1:9/api/v1");
              assertThat(client.config().apiKey()).isEqualTo("aio_from_environment");
              assertThat(client.config().requestTimeout()).isEqualTo(Duration.ofSeconds(5));
              assertThat(client.config().maxInFlight()).isEqualTo(7);
              assertThat(context.getBean(PixverseProperties.class).toPollSchedule().floor())
                  .isEqualTo(Duration.ofSeconds(2));
              assertThat(context.getBean(PixverseProperties.class).toString())
                  .doesNotContain("aio_from_environment");
            });
  }
}
