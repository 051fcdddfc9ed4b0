package io.github.pixversecamunda.spring;

import io.github.pixversecamunda.api.ApiCallHistory;
import io.github.pixversecamunda.api.PixverseClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code pixverseApi} health component, when the application has Actuator; off with {@code
 * management.health.pixverse-api.enabled=false}. Part of {@link PixverseAutoConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(
    name = "org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration")
@ConditionalOnProperty(
    prefix = "management.health.pixverse-api",
    name = "enabled",
    matchIfMissing = true)
class PixverseHealthConfiguration {

  // By name, as Actuator's own health contributors back off: the name is the component's name.
  @Bean
  @ConditionalOnMissingBean(name = {"pixverseApiHealthIndicator", "pixverseApiHealthContributor"})
  PixverseApiHealthIndicator pixverseApiHealthIndicator(
      PixverseClient api, ApiCallHistory history, PixverseProperties properties) {
    return new PixverseApiHealthIndicator(
        api.config(), history, properties.getHealth().getAuthenticationFailures());
  }
}
