package io.github.pixversecamunda.spring;

import io.camunda.client.CamundaClient;
import io.camunda.client.jobhandling.JobWorkerManager;
import io.github.pixversecamunda.api.PixverseClient;
import io.github.pixversecamunda.download.VideoDownloader;
import io.github.pixversecamunda.download.VideoStore;
import io.github.pixversecamunda.worker.AwaitTaskHandler;
import io.github.pixversecamunda.worker.DownloadVideoHandler;
import io.github.pixversecamunda.worker.InFlightJobs;
import io.github.pixversecamunda.worker.PixverseWorkers;
import io.github.pixversecamunda.worker.PollSchedule;
import io.github.pixversecamunda.worker.SubmitVideoHandler;
import io.github.pixversecamunda.worker.WorkerEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The three job workers, the poll schedule, the download worker's downloader (its store comes from
 * {@link PixverseStorageConfiguration}) and the drain on shutdown; each worker can be switched off
 * with {@code pixverse.workers.<name>.enabled=false}. Part of {@link PixverseAutoConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class PixverseWorkersConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(PixverseWorkersConfiguration.class);

  private static WorkerEvents events(ObjectProvider<WorkerEvents> events) {
    return events.getIfUnique(() -> WorkerEvents.NONE);
  }

  @Bean
  @ConditionalOnMissingBean
  PollSchedule pixversePollSchedule(PixverseProperties properties) {
    return properties.toPollSchedule();
  }

  /**
   * The timeouts and fetch lists of {@link io.github.pixversecamunda.worker.PixverseWorkers}, for
   * the Spring workers.
   */
  @Bean
  @ConditionalOnMissingBean
  PixverseJobWorkerCustomizer pixverseJobWorkerCustomizer() {
    return new PixverseJobWorkerCustomizer();
  }

  @Bean
  @ConditionalOnMissingBean
  InFlightJobs pixverseInFlightJobs() {
    return new InFlightJobs();
  }

  @Bean
  @ConditionalOnMissingBean
  PixverseWorkerDrain pixverseWorkerDrain(
      InFlightJobs inFlight,
      ObjectProvider<JobWorkerManager> workerManager,
      ApplicationEventPublisher events,
      PixverseProperties properties) {
    return new PixverseWorkerDrain(inFlight, workerManager, events, properties.getDrainTimeout());
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(
      prefix = "pixverse.workers.submit",
      name = "enabled",
      matchIfMissing = true)
  SubmitVideoJobWorker pixverseSubmitVideoJobWorker(
      PixverseClient api,
      @Lazy CamundaClient camunda,
      InFlightJobs inFlight,
      ObjectProvider<WorkerEvents> events) {
    return new SubmitVideoJobWorker(
        PixverseWorkers.prepare(
            camunda, new SubmitVideoHandler(api, camunda, events(events)), inFlight));
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @ConditionalOnProperty(
      prefix = "pixverse.workers.download",
      name = "enabled",
      matchIfMissing = true)
  VideoDownloader pixverseVideoDownloader(PixverseProperties properties, VideoStore store) {
    LOG.info("PixVerse videos are kept in {}", store.describe());
    return new VideoDownloader(properties.getDownload().toSettings(), store);
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(VideoDownloader.class)
  @ConditionalOnProperty(
      prefix = "pixverse.workers.download",
      name = "enabled",
      matchIfMissing = true)
  DownloadVideoJobWorker pixverseDownloadVideoJobWorker(
      VideoDownloader downloader,
      PixverseClient api,
      @Lazy CamundaClient camunda,
      InFlightJobs inFlight,
      ObjectProvider<WorkerEvents> events) {
    return new DownloadVideoJobWorker(
        PixverseWorkers.prepare(
            camunda, new DownloadVideoHandler(downloader, api.config(), events(events)), inFlight));
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "pixverse.workers.await", name = "enabled", matchIfMissing = true)
  AwaitTaskJobWorker pixverseAwaitTaskJobWorker(
      PixverseClient api,
      PollSchedule schedule,
      @Lazy CamundaClient camunda,
      InFlightJobs inFlight,
      ObjectProvider<WorkerEvents> events) {
    return new AwaitTaskJobWorker(
        PixverseWorkers.prepare(
            camunda, new AwaitTaskHandler(api, schedule, events(events)), inFlight));
  }
}
