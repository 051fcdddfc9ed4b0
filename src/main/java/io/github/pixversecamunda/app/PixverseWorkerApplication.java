package io.github.pixversecamunda.app;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The workers as a stand-alone application: {@code java -jar pixverse-camunda-<version>-exec.jar}.
 * Configure the cluster with the standard Camunda client settings ({@code CAMUNDA_CLIENT_MODE},
 * {@code camunda.client.*}) and the API with {@code PIXVERSE_API_KEY}; set {@code
 * pixverse.deploy-processes=true} to deploy the bundled processes at start.
 *
 * <p>Operations: health and Prometheus metrics on {@code server.port} (8080; move them with {@code
 * management.server.port}), see {@link #OPERATIONS_DEFAULTS} and docs/operations.md.
 */
@SpringBootApplication
public class PixverseWorkerApplication {

  /** Spring Boot builds the application's configuration from this class. */
  public PixverseWorkerApplication() {}

  /**
   * The application's own defaults, lowest in precedence: any property, environment variable or
   * argument overrides them. They live here and not in an application.properties so the library jar
   * hands none of them to the applications that embed it.
   */
  public static final Map<String, Object> OPERATIONS_DEFAULTS =
      Map.ofEntries(
          Map.entry("spring.application.name", "pixverse-workers"),
          Map.entry("management.endpoints.web.exposure.include", "health,prometheus"),
          Map.entry("management.endpoint.health.probes.enabled", "true"),
          Map.entry("management.endpoint.health.show-details", "always"),
          Map.entry("management.endpoint.health.group.liveness.include", "livenessState"),
          // readinessState goes OUT_OF_SERVICE when the drain on shutdown starts
          // (REFUSING_TRAFFIC).
          Map.entry(
              "management.endpoint.health.group.readiness.include",
              "readinessState,camundaCluster"),
          // Replaced by camundaCluster, which never holds a probe for a whole request timeout.
          Map.entry("management.health.camunda.enabled", "false"),
          Map.entry("management.metrics.tags.application", "${spring.application.name}"),
          // The web server only answers health probes and metrics scrapes, a few requests a minute:
          // Tomcat's defaults (10 idle threads kept, up to 200) are sized for a web application.
          Map.entry("server.tomcat.threads.min-spare", "1"),
          Map.entry("server.tomcat.threads.max", "4"),
          // Polling, not job streaming: streaming activates jobs sooner at low load, but costs
          // throughput
          // and threads under a burst, and closing a streaming worker whose cluster was unreachable
          // hung
          // the shutdown in the client (docs/operations.md, "Job streaming"). Operators may switch
          // it on.
          Map.entry("camunda.client.worker.defaults.stream-enabled", "false"));

  /**
   * Starts the workers; the configuration comes from Spring Boot's usual sources ({@code
   * PIXVERSE_API_KEY}, application.yaml, ...).
   *
   * @param args Spring Boot's command line, e.g. {@code --pixverse.poll.floor=10s}
   */
  public static void main(String[] args) {
    application().run(args);
  }

  /**
   * The application with its operations defaults, as {@link #main} runs it.
   *
   * @return a new application, not yet run
   */
  public static SpringApplication application() {
    SpringApplication application = new SpringApplication(PixverseWorkerApplication.class);
    application.setDefaultProperties(OPERATIONS_DEFAULTS);
    return application;
  }
}
