package io.github.pixversecamunda.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Registers the PixVerse workers when {@code pixverse.api-key} (or {@code PIXVERSE_API_KEY}) is
 * set; the Camunda Spring Boot Starter opens them on its client, with the settings of {@link
 * io.github.pixversecamunda.worker.PixverseWorkers}. Every bean backs off when the application
 * defines its own of the same type (the health component: of the same name), as {@code
 * PixverseAutoConfigurationBackOffTest} proves bean by bean.
 *
 * <p>The beans come from package-private configurations, one per concern: the API client ({@code
 * PixverseApiConfiguration}), metrics ({@code PixverseMetricsConfiguration}), the health component
 * ({@code PixverseHealthConfiguration}) and the job workers ({@code PixverseWorkersConfiguration}).
 */
@AutoConfiguration(
    afterName = {
      // Metrics and health switch on when the application has a registry: it must exist first.
      "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"
    })
@ConditionalOnProperty(prefix = "pixverse", name = "api-key")
@EnableConfigurationProperties({PixverseProperties.class, StorageProperties.class})
@Import({
  PixverseApiConfiguration.class,
  PixverseMetricsConfiguration.class,
  PixverseHealthConfiguration.class,
  PixverseStorageConfiguration.class,
  PixverseWorkersConfiguration.class
})
public class PixverseAutoConfiguration {

  /** Created by Spring Boot's auto-configuration, never by hand. */
  public PixverseAutoConfiguration() {}
}
