package io.github.pixversecamunda.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.annotation.JobWorker;
import io.github.pixversecamunda.api.PixverseClient;
import io.github.pixversecamunda.worker.Variables;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Which beans the auto-configuration contributes under which settings (no engine needed). */
class PixverseAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(PixverseAutoConfiguration.class))
      .withBean(CamundaClient.class, () -> Mockito.mock(CamundaClient.class));

  @Test
  void nothingStartsWithoutAKey() {
    runner.run(context -> {
      assertThat(context).doesNotHaveBean(PixverseClient.class);
      assertThat(context).doesNotHaveBean(SubmitVideoJobWorker.class);
      assertThat(context).doesNotHaveBean(AwaitTaskJobWorker.class);
    });
  }

  @Test
  void bothWorkersStartWithAKeyAndEachCanBeSwitchedOff() {
    runner.withPropertyValues("pixverse.api-key=aio_test").run(context -> {
      assertThat(context).hasSingleBean(SubmitVideoJobWorker.class);
      assertThat(context).hasSingleBean(AwaitTaskJobWorker.class);
    });
    runner.withPropertyValues("pixverse.api-key=aio_test", "pixverse.workers.submit.enabled=false").run(context -> {
      assertThat(context).doesNotHaveBean(SubmitVideoJobWorker.class);
      assertThat(context).hasSingleBean(AwaitTaskJobWorker.class);
    });
  }

  @Test
  void springWorkersFetchExactlyWhatTheHandlersRead() throws Exception {
    assertThat(fetched(SubmitVideoJobWorker.class, "submitVideo")).containsExactlyInAnyOrder(Variables.SUBMIT_FETCH);
    assertThat(fetched(AwaitTaskJobWorker.class, "awaitTask")).containsExactlyInAnyOrder(Variables.AWAIT_FETCH);
    assertThat(fetched(DownloadVideoJobWorker.class, "downloadVideo")).containsExactlyInAnyOrder(Variables.DOWNLOAD_FETCH);
  }

  private static String[] fetched(Class<?> type, String method) throws NoSuchMethodException {
    return type.getMethod(method, io.camunda.client.api.worker.JobClient.class,
        io.camunda.client.api.response.ActivatedJob.class).getAnnotation(JobWorker.class).fetchVariables();
  }

  @Test
  void bindsPropertiesAndTheDocumentedEnvironmentVariables() {
    runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
            new SystemEnvironmentPropertySource("systemEnvironment", Map.of(
                "PIXVERSE_API_KEY", "aio_from_environment",
                "PIXVERSE_BASE_URL", "http://127.0.0.1:9/api/v1"))))
        .withPropertyValues("pixverse.request-timeout=5s", "pixverse.poll.floor=2s", "pixverse.max-in-flight=7")
        .run(context -> {
          PixverseClient client = context.getBean(PixverseClient.class);
          assertThat(client.config().baseUrl()).hasToString("http://127.0.0.1:9/api/v1");
          assertThat(client.config().apiKey()).isEqualTo("aio_from_environment");
          assertThat(client.config().requestTimeout()).isEqualTo(Duration.ofSeconds(5));
          assertThat(client.config().maxInFlight()).isEqualTo(7);
          assertThat(context.getBean(PixverseProperties.class).toPollSchedule().floor()).isEqualTo(Duration.ofSeconds(2));
          assertThat(context.getBean(PixverseProperties.class).toString()).doesNotContain("aio_from_environment");
        });
  }
}
