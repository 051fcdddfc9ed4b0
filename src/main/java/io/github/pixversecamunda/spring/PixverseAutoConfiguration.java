package io.github.pixversecamunda.spring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.jobhandling.JobWorkerManager;
import io.github.pixversecamunda.api.ApiCallHistory;
import io.github.pixversecamunda.api.ApiCallObserver;
import io.github.pixversecamunda.api.PixverseClient;
import io.github.pixversecamunda.download.DirectoryStore;
import io.github.pixversecamunda.download.DocumentStore;
import io.github.pixversecamunda.download.DownloadSettings;
import io.github.pixversecamunda.download.S3Store;
import io.github.pixversecamunda.download.VideoDownloader;
import io.github.pixversecamunda.download.VideoStore;
import io.github.pixversecamunda.metrics.PixverseMetrics;
import io.github.pixversecamunda.worker.AwaitTaskHandler;
import io.github.pixversecamunda.worker.DownloadVideoHandler;
import io.github.pixversecamunda.worker.InFlightJobs;
import io.github.pixversecamunda.worker.PixverseWorkers;
import io.github.pixversecamunda.worker.PollSchedule;
import io.github.pixversecamunda.worker.SubmitVideoHandler;
import io.github.pixversecamunda.worker.WorkerEvents;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * Registers the PixVerse workers when {@code pixverse.api-key} (or {@code PIXVERSE_API_KEY}) is
 * set; the Camunda Spring Boot Starter opens them on its client, with the settings of {@link
 * io.github.pixversecamunda.worker.PixverseWorkers}. Every bean can be replaced by your own.
 */
@AutoConfiguration(
    afterName = {
      // Metrics and health switch on when the application has a registry: it must exist first.
      "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"
    })
@ConditionalOnProperty(prefix = "pixverse", name = "api-key")
@EnableConfigurationProperties({PixverseProperties.class, StorageProperties.class})
public class PixverseAutoConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(PixverseAutoConfiguration.class);

  @Bean
  @ConditionalOnMissingBean
  public PixverseClient pixverseClient(
      PixverseProperties properties, ObjectProvider<ApiCallObserver> observers) {
    return new PixverseClient(
        properties.toClientConfig(),
        new ObjectMapper(),
        ApiCallObserver.all(observers.orderedStream().toList()));
  }

  /** The recent outcome of API calls, read by the health check. */
  @Bean
  @ConditionalOnMissingBean
  public ApiCallHistory pixverseApiCallHistory() {
    return new ApiCallHistory();
  }

  /** Metrics, when the application has Micrometer and a registry (Actuator brings one). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterRegistry.class)
  @ConditionalOnBean(MeterRegistry.class)
  static class Metrics {
    @Bean
    @ConditionalOnMissingBean
    PixverseMetrics pixverseMetrics(MeterRegistry registry) {
      return new PixverseMetrics(registry);
    }
  }

  /** The {@code pixverseApi} health component, when the application has Actuator. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name =
          "org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration")
  @ConditionalOnProperty(
      prefix = "management.health.pixverse-api",
      name = "enabled",
      matchIfMissing = true)
  static class Health {
    @Bean
    @ConditionalOnMissingBean(name = "pixverseApiHealthIndicator")
    PixverseApiHealthIndicator pixverseApiHealthIndicator(
        PixverseClient api, ApiCallHistory history, PixverseProperties properties) {
      return new PixverseApiHealthIndicator(
          api.config(), history, properties.getHealth().getAuthenticationFailures());
    }
  }

  private static WorkerEvents events(ObjectProvider<WorkerEvents> events) {
    return events.getIfUnique(() -> WorkerEvents.NONE);
  }

  @Bean
  @ConditionalOnMissingBean
  public PollSchedule pixversePollSchedule(PixverseProperties properties) {
    return properties.toPollSchedule();
  }

  /**
   * The timeouts and fetch lists of {@link io.github.pixversecamunda.worker.PixverseWorkers}, for
   * the Spring workers.
   */
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
  public PixverseWorkerDrain pixverseWorkerDrain(
      InFlightJobs inFlight,
      ObjectProvider<JobWorkerManager> workerManager,
      ApplicationEventPublisher events,
      PixverseProperties properties) {
    return new PixverseWorkerDrain(inFlight, workerManager, events, properties.getDrainTimeout());
  }

  @Bean
  @ConditionalOnProperty(
      prefix = "pixverse.workers.submit",
      name = "enabled",
      matchIfMissing = true)
  public SubmitVideoJobWorker pixverseSubmitVideoJobWorker(
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
  public VideoDownloader pixverseVideoDownloader(PixverseProperties properties, VideoStore store) {
    DownloadSettings settings = properties.getDownload().toSettings();
    LOG.info("PixVerse videos are kept in {}", store.describe());
    return new VideoDownloader(settings, store);
  }

  /**
   * The store of {@code pixverse.storage.type}. The S3 store's classes are touched only when it is
   * chosen, so an application without the AWS SDK runs the other stores.
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(
      prefix = "pixverse.workers.download",
      name = "enabled",
      matchIfMissing = true)
  public VideoStore pixverseVideoStore(
      PixverseProperties properties,
      StorageProperties storage,
      ObjectProvider<CamundaClient> camunda)
      throws IOException {
    return switch (storage.getType()) {
      case DIRECTORY -> {
        DownloadSettings settings = properties.getDownload().toSettings();
        Files.createDirectories(settings.directory());
        yield new DirectoryStore(settings.directory());
      }
      case S3 -> new S3Store(storage.getS3().toSettings());
      case DOCUMENT -> new DocumentStore(camunda.getObject(), storage.getDocument().toSettings());
    };
  }

  @Bean
  @ConditionalOnBean(VideoDownloader.class)
  @ConditionalOnProperty(
      prefix = "pixverse.workers.download",
      name = "enabled",
      matchIfMissing = true)
  public DownloadVideoJobWorker pixverseDownloadVideoJobWorker(
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
  @ConditionalOnProperty(prefix = "pixverse.workers.await", name = "enabled", matchIfMissing = true)
  public AwaitTaskJobWorker pixverseAwaitTaskJobWorker(
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
