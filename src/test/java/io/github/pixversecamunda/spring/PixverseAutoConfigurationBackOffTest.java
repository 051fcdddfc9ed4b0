package io.github.pixversecamunda.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobHandler;
import io.camunda.client.jobhandling.JobWorkerManager;
import io.github.pixversecamunda.api.ApiCallHistory;
import io.github.pixversecamunda.api.PixverseClient;
import io.github.pixversecamunda.api.PixverseClientConfig;
import io.github.pixversecamunda.download.DownloadSettings;
import io.github.pixversecamunda.download.VideoDownloader;
import io.github.pixversecamunda.metrics.PixverseMetrics;
import io.github.pixversecamunda.worker.InFlightJobs;
import io.github.pixversecamunda.worker.PollSchedule;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The auto-configuration's promise that every bean can be replaced by the application's own, bean
 * by bean: each test first sees the library's bean under its name, then defines one of the same
 * type (or, for the health component, of the same name) and finds only that one.
 */
class PixverseAutoConfigurationBackOffTest {

  // Static, so that it exists before the runner below is built.
  @TempDir static Path downloads;

  private static final JobHandlerStub HANDLER = new JobHandlerStub();

  private final ApplicationContextRunner runner = PixverseContextRunner.withKey(downloads);

  /** Without a bean of the application's own, the library's one is there under its name. */
  private void libraryDefines(ApplicationContextRunner runner, String name, Class<?> type) {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasBean(name);
          assertThat(context).hasSingleBean(type);
        });
  }

  /** With one of the application's own, that one is the only bean of the type. */
  private <T> void backsOff(String name, Class<T> type, T mine) {
    libraryDefines(runner, name, type);
    runner
        .withBean("mine", type, () -> mine)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(name);
              assertThat(context).getBean(type).isSameAs(mine);
            });
  }

  @Test
  void theApiClientBacksOff() {
    backsOff(
        "pixverseClient",
        PixverseClient.class,
        new PixverseClient(PixverseClientConfig.of("http://127.0.0.1:9/api/v1", "aio_mine")));
  }

  @Test
  void theCallHistoryBacksOff() {
    backsOff("pixverseApiCallHistory", ApiCallHistory.class, new ApiCallHistory());
  }

  @Test
  void theMetricsBackOff() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ApplicationContextRunner withRegistry = runner.withBean(MeterRegistry.class, () -> registry);
    libraryDefines(withRegistry, "pixverseMetrics", PixverseMetrics.class);
    PixverseMetrics mine = new PixverseMetrics(registry);
    withRegistry
        .withBean("mine", PixverseMetrics.class, () -> mine)
        .run(
            context -> {
              assertThat(context).doesNotHaveBean("pixverseMetrics");
              assertThat(context).getBean(PixverseMetrics.class).isSameAs(mine);
            });
  }

  /** Backs off by name: an application has many MeterBinder beans, the library one of them. */
  @Test
  void theSubmitPauseMetricBacksOffForOneOfTheSameName() {
    ApplicationContextRunner withRegistry =
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new);
    withRegistry.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasBean("pixverseSubmitPauseMetric");
          assertThat(context.getBean("pixverseSubmitPauseMetric")).isInstanceOf(MeterBinder.class);
        });
    MeterBinder mine = registry -> {};
    withRegistry
        .withBean("pixverseSubmitPauseMetric", MeterBinder.class, () -> mine)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).getBean("pixverseSubmitPauseMetric").isSameAs(mine);
              assertThat(context).getBeans(MeterBinder.class).hasSize(1);
            });
  }

  @Test
  void theHealthComponentBacksOffForOneOfTheSameName() {
    libraryDefines(runner, "pixverseApiHealthIndicator", PixverseApiHealthIndicator.class);
    HealthIndicator mine = () -> Health.up().withDetail("mine", true).build();
    for (String name :
        new String[] {"pixverseApiHealthIndicator", "pixverseApiHealthContributor"}) {
      runner
          .withBean(name, HealthIndicator.class, () -> mine)
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).doesNotHaveBean(PixverseApiHealthIndicator.class);
                assertThat(context.getBean(name)).isSameAs(mine);
              });
    }
  }

  @Test
  void thePollScheduleBacksOff() {
    backsOff(
        "pixversePollSchedule",
        PollSchedule.class,
        new PollSchedule(Duration.ofSeconds(1), Duration.ofSeconds(2)));
  }

  @Test
  void theJobWorkerCustomizerBacksOff() {
    backsOff(
        "pixverseJobWorkerCustomizer",
        PixverseJobWorkerCustomizer.class,
        new PixverseJobWorkerCustomizer());
  }

  @Test
  void theInFlightCounterBacksOff() {
    backsOff("pixverseInFlightJobs", InFlightJobs.class, new InFlightJobs());
  }

  @Test
  void theDrainBacksOff() {
    libraryDefines(runner, "pixverseWorkerDrain", PixverseWorkerDrain.class);
    runner
        .withUserConfiguration(MyDrain.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean("pixverseWorkerDrain");
              assertThat(context).hasSingleBean(PixverseWorkerDrain.class);
              assertThat(context).hasBean("myDrain");
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class MyDrain {
    @Bean
    PixverseWorkerDrain myDrain(
        ObjectProvider<JobWorkerManager> workerManager, ApplicationEventPublisher events) {
      return new PixverseWorkerDrain(
          new InFlightJobs(), workerManager, events, Duration.ofSeconds(5));
    }
  }

  @Test
  void theSubmitWorkerBacksOff() {
    backsOff(
        "pixverseSubmitVideoJobWorker",
        SubmitVideoJobWorker.class,
        new SubmitVideoJobWorker(HANDLER));
  }

  @Test
  void theAwaitWorkerBacksOff() {
    backsOff(
        "pixverseAwaitTaskJobWorker", AwaitTaskJobWorker.class, new AwaitTaskJobWorker(HANDLER));
  }

  @Test
  void theDownloadWorkerBacksOff() {
    backsOff(
        "pixverseDownloadVideoJobWorker",
        DownloadVideoJobWorker.class,
        new DownloadVideoJobWorker(HANDLER));
  }

  @Test
  void theDownloaderBacksOffAndTheDownloadWorkerUsesTheApplicationsOwn() throws Exception {
    try (VideoDownloader mine = VideoDownloader.intoDirectory(DownloadSettings.of(downloads))) {
      backsOff("pixverseVideoDownloader", VideoDownloader.class, mine);
      runner
          .withBean("mine", VideoDownloader.class, () -> mine)
          .run(context -> assertThat(context).hasSingleBean(DownloadVideoJobWorker.class));
    }
  }

  @Test
  void theProcessDeployerBacksOff() {
    ApplicationContextRunner deploying =
        runner.withPropertyValues("pixverse.deploy-processes=true");
    libraryDefines(deploying, "pixverseBundledProcessDeployer", BundledProcessDeployer.class);
    BundledProcessDeployer mine = new BundledProcessDeployer(Mockito.mock(CamundaClient.class));
    deploying
        .withBean("mine", BundledProcessDeployer.class, () -> mine)
        .run(
            context -> {
              assertThat(context).doesNotHaveBean("pixverseBundledProcessDeployer");
              assertThat(context).getBean(BundledProcessDeployer.class).isSameAs(mine);
            });
  }

  /** A job handler that is never called: these contexts open no job worker. */
  private static final class JobHandlerStub implements JobHandler {
    @Override
    public void handle(JobClient client, ActivatedJob job) {
      throw new AssertionError("no job reaches a worker in an application context test");
    }
  }
}
