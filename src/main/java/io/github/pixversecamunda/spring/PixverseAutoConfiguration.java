package io.github.pixversecamunda.spring;

import io.camunda.client.CamundaClient;
import io.github.pixversecamunda.api.PixverseClient;
import io.github.pixversecamunda.worker.AwaitTaskHandler;
import io.github.pixversecamunda.worker.PollSchedule;
import io.github.pixversecamunda.worker.SubmitVideoHandler;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * Registers the PixVerse workers when {@code pixverse.api-key} (or {@code PIXVERSE_API_KEY}) is set
 * and the Camunda Spring Boot Starter provides a client.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "pixverse", name = "api-key")
@EnableConfigurationProperties(PixverseProperties.class)
public class PixverseAutoConfiguration {

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

  @Bean
  @ConditionalOnProperty(prefix = "pixverse.workers.submit", name = "enabled", matchIfMissing = true)
  public SubmitVideoJobWorker pixverseSubmitVideoJobWorker(PixverseClient api, @Lazy CamundaClient camunda) {
    return new SubmitVideoJobWorker(new SubmitVideoHandler(api, camunda));
  }

  @Bean
  @ConditionalOnProperty(prefix = "pixverse.workers.await", name = "enabled", matchIfMissing = true)
  public AwaitTaskJobWorker pixverseAwaitTaskJobWorker(PixverseClient api, PollSchedule schedule) {
    return new AwaitTaskJobWorker(new AwaitTaskHandler(api, schedule));
  }
}
