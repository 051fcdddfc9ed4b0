package io.github.pixversecamunda.spring;

import io.camunda.client.CamundaClient;
import io.github.pixversecamunda.download.DirectoryStore;
import io.github.pixversecamunda.download.DocumentStore;
import io.github.pixversecamunda.download.DownloadSettings;
import io.github.pixversecamunda.download.S3Store;
import io.github.pixversecamunda.download.VideoStore;
import java.io.IOException;
import java.nio.file.Files;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the download worker keeps a video: the store of {@code pixverse.storage.type}. Part of
 * {@link PixverseAutoConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class PixverseStorageConfiguration {

  /**
   * The S3 store's classes are touched only when it is chosen, so an application without the AWS
   * SDK runs the other stores.
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(
      prefix = "pixverse.workers.download",
      name = "enabled",
      matchIfMissing = true)
  VideoStore pixverseVideoStore(
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
}
