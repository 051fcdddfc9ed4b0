package io.github.pixversecamunda.spring;

import io.github.pixversecamunda.api.PixverseClient;
import io.github.pixversecamunda.metrics.PixverseMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Metrics, when the application has Micrometer and a registry (Actuator brings one); part of {@link
 * PixverseAutoConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
class PixverseMetricsConfiguration {

  @Bean
  @ConditionalOnMissingBean
  PixverseMetrics pixverseMetrics(MeterRegistry registry) {
    return new PixverseMetrics(registry);
  }

  /** Bound by Spring Boot's metrics auto-configuration, like every {@link MeterBinder} bean. */
  @Bean
  @ConditionalOnMissingBean(name = "pixverseSubmitPauseMetric")
  MeterBinder pixverseSubmitPauseMetric(ObjectProvider<PixverseClient> client) {
    return registry ->
        client.ifAvailable(c -> PixverseMetrics.submitPause(c.accountLimits()).bindTo(registry));
  }
}
