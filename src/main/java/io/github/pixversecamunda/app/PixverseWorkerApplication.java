package io.github.pixversecamunda.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The workers as a stand-alone application: {@code java -jar pixverse-camunda-<version>-exec.jar}.
 * Configure the cluster with the standard Camunda client settings ({@code CAMUNDA_CLIENT_MODE},
 * {@code camunda.client.*}) and the API with {@code PIXVERSE_API_KEY}; set
 * {@code pixverse.deploy-processes=true} to deploy the bundled processes at start.
 */
@SpringBootApplication
public class PixverseWorkerApplication {

  public static void main(String[] args) {
    SpringApplication.run(PixverseWorkerApplication.class, args);
  }
}
