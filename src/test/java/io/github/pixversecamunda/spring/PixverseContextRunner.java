package io.github.pixversecamunda.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.mockito.Mockito;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The library's auto-configurations as an application gets them, for context tests without an
 * engine: a mocked {@link CamundaClient} stands in for the starter's, and the download worker keeps
 * its videos in the test's own folder (it creates the folder at start, and the default {@code
 * downloads/} would land in the working directory).
 */
final class PixverseContextRunner {

  /** A key for contexts that send no request. */
  static final String API_KEY = "aio_test";

  private PixverseContextRunner() {}

  /** Without an API key, so without the client and the workers unless the test sets one. */
  static ApplicationContextRunner withoutKey(Path downloads) {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                PixverseAutoConfiguration.class, PixverseProcessDeploymentAutoConfiguration.class))
        .withPropertyValues("pixverse.download.directory=" + downloads)
        .withBean(CamundaClient.class, () -> Mockito.mock(CamundaClient.class));
  }

  /** With an API key: the client and the workers start. */
  static ApplicationContextRunner withKey(Path downloads) {
    return withoutKey(downloads).withPropertyValues("pixverse.api-key=" + API_KEY);
  }

  /**
   * These variables as the operating system's environment gives them, ahead of every other source:
   * for a test of the documented environment variables.
   */
  static ApplicationContextInitializer<ConfigurableApplicationContext> environment(
      Map<String, String> variables) {
    return context ->
        context
            .getEnvironment()
            .getPropertySources()
            .addFirst(
                new SystemEnvironmentPropertySource(
                    "systemEnvironment", Map.<String, Object>copyOf(variables)));
  }

  /** The context did not start; what stopped it. */
  static AbstractThrowableAssert<?, ? extends Throwable> startupFailure(
      AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    return assertThat(context.getStartupFailure());
  }
}
