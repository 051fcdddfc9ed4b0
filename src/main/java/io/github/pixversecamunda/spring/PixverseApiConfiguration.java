package io.github.pixversecamunda.spring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pixversecamunda.api.ApiCallHistory;
import io.github.pixversecamunda.api.ApiCallObserver;
import io.github.pixversecamunda.api.PixverseClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API client and the record of its recent calls; part of {@link PixverseAutoConfiguration}. */
@Configuration(proxyBeanMethods = false)
class PixverseApiConfiguration {

  @Bean
  @ConditionalOnMissingBean
  PixverseClient pixverseClient(
      PixverseProperties properties, ObjectProvider<ApiCallObserver> observers) {
    return new PixverseClient(
        properties.toClientConfig(),
        new ObjectMapper(),
        ApiCallObserver.all(observers.orderedStream().toList()));
  }

  /** The recent outcome of API calls, read by the health check. */
  @Bean
  @ConditionalOnMissingBean
  ApiCallHistory pixverseApiCallHistory() {
    return new ApiCallHistory();
  }
}
