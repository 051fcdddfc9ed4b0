package io.github.pixversecamunda.spring;

import io.camunda.client.CamundaClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Deploys the bundled processes and forms at start when {@code pixverse.deploy-processes=true}
 * ({@code PIXVERSE_DEPLOY_PROCESSES}). Apart from the workers' auto-configuration because deploying
 * needs no API key: an application may deploy the processes and leave the workers to another.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "pixverse", name = "deploy-processes", havingValue = "true")
public class PixverseProcessDeploymentAutoConfiguration {

  /** Created by Spring Boot's auto-configuration, never by hand. */
  public PixverseProcessDeploymentAutoConfiguration() {}

  /**
   * {@return the deployer that runs once the application has started; an application's own bean of
   * this type replaces it}
   *
   * @param camunda the application's Camunda client
   */
  @Bean
  @ConditionalOnMissingBean
  public BundledProcessDeployer pixverseBundledProcessDeployer(CamundaClient camunda) {
    return new BundledProcessDeployer(camunda);
  }
}
