package io.github.pixversecamunda.spring;

import io.camunda.client.CamundaClient;
import io.github.pixversecamunda.api.PixverseClient;
import io.github.pixversecamunda.download.DownloadSettings;
import io.github.pixversecamunda.download.VideoDownloader;
import io.github.pixversecamunda.worker.DownloadVideoHandler;
import java.io.IOException;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.camunda.client.jobhandling.JobWorkerManager;
import io.github.pixversecamunda.worker.AwaitTaskHandler;
import io.github.pixversecamunda.worker.InFlightJobs;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import io.github.pixversecamunda.worker.PollSchedule;
import io.github.pixversecamunda.worker.SubmitVideoHandler;
import io.github.pixversecamunda.worker.TaskJobTimeout;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * Registers the PixVerse workers when {@code pixverse.api-key} (or {@code PIXVERSE_API_KEY}) is set;
 * the Camunda Spring Boot Starter opens them on its client, with the settings of
 * {@link io.github.pixversecamunda.worker.PixverseWorkers}. Every bean can be replaced by your own.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "pixverse", name = "api-key")
@EnableConfigurationProperties(PixverseProperties.class)
public class PixverseAutoConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(PixverseAutoConfiguration.class);

  @Bean
  @ConditionalOnMissingBean
  public PixverseClient pixverseClient(PixverseProperties properties) {
    return new PixverseClient(properties.toClientConfig());
  }

  @Bean
  @ConditionalOnMissingBean
  public PollSchedule pixversePollSchedule(PixverseProperties properties) {
    return properties.toPollSchedule();
  }

  /** The timeouts and fetch lists of {@link io.github.pixversecamunda.worker.PixverseWorkers}, for the Spring workers. */
  @Bean
  public PixverseJobWorkerCustomizer pixverseJobWorkerCustomizer() {
    return new PixverseJobWorkerCustomizer();
  }

  @Bean
  @ConditionalOnMissingBean
  public InFlightJobs pixverseInFlightJobs() {
    return new InFlightJobs();
  }

  @Bean
  public PixverseWorkerDrain pixverseWorkerDrain(InFlightJobs inFlight, ObjectProvider<JobWorkerManager> workerManager,
      ApplicationEventPublisher events, PixverseProperties properties) {
    return new PixverseWorkerDrain(inFlight, workerManager, events, properties.getDrainTimeout());
  }

  @Bean
  @ConditionalOnProperty(prefix = "pixverse.workers.submit", name = "enabled", matchIfMissing = true)
  public SubmitVideoJobWorker pixverseSubmitVideoJobWorker(PixverseClient api, @Lazy CamundaClient camunda,
      InFlightJobs inFlight) {
    return new SubmitVideoJobWorker(TaskJobTimeout.honour(camunda, new SubmitVideoHandler(api, camunda)), inFlight);
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "pixverse.workers.download", name = "enabled", matchIfMissing = true)
  public VideoDownloader pixverseVideoDownloader(PixverseProperties properties) throws IOException {
    DownloadSettings settings = properties.getDownload().toSettings();
    Files.createDirectories(settings.directory());
    LOG.info("PixVerse videos are kept in {}", settings.directory());
    return new VideoDownloader(settings);
  }

  @Bean
  @ConditionalOnBean(VideoDownloader.class)
  @ConditionalOnProperty(prefix = "pixverse.workers.download", name = "enabled", matchIfMissing = true)
  public DownloadVideoJobWorker pixverseDownloadVideoJobWorker(VideoDownloader downloader, PixverseClient api,
      @Lazy CamundaClient camunda, InFlightJobs inFlight) {
    return new DownloadVideoJobWorker(
        TaskJobTimeout.honour(camunda, new DownloadVideoHandler(downloader, api.config())), inFlight);
  }

  @Bean
  @ConditionalOnProperty(prefix = "pixverse.workers.await", name = "enabled", matchIfMissing = true)
  public AwaitTaskJobWorker pixverseAwaitTaskJobWorker(PixverseClient api, PollSchedule schedule,
      @Lazy CamundaClient camunda, InFlightJobs inFlight) {
    return new AwaitTaskJobWorker(TaskJobTimeout.honour(camunda, new AwaitTaskHandler(api, schedule)), inFlight);
  }
}
