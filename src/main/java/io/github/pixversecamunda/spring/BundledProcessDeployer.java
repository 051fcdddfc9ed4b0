package io.github.pixversecamunda.spring;

import io.camunda.client.CamundaClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Deploys the ready-made processes shipped in the jar, with the forms their user tasks link to,
 * once the application is ready. Registered by {@link PixverseProcessDeploymentAutoConfiguration}
 * when {@code pixverse.deploy-processes=true}, in the worker application and in any application
 * that embeds the library alike.
 */
public class BundledProcessDeployer {

  /**
   * Under the library's package path, so a consumer's own {@code classpath*:/bpmn/**} deployment
   * never picks them up.
   */
  public static final String LOCATION = "classpath*:io/github/pixversecamunda/bpmn/*.bpmn";

  /**
   * The bundled forms, deployed with the processes: a user task's linked form must be deployed
   * before the task is reached.
   */
  public static final String FORMS_LOCATION = "classpath*:io/github/pixversecamunda/forms/*.form";

  private static final Logger LOG = LoggerFactory.getLogger(BundledProcessDeployer.class);

  private final CamundaClient camunda;

  /**
   * A deployer that sends the bundled resources through this client.
   *
   * @param camunda the application's Camunda client
   */
  public BundledProcessDeployer(CamundaClient camunda) {
    this.camunda = camunda;
  }

  /**
   * Deploys every bundled process and form in one deployment, once the application is ready; the
   * engine keeps a version only when its content changed.
   *
   * @throws IOException when the bundled files cannot be listed
   * @throws IllegalStateException when the jar holds no bundled process
   */
  @EventListener(ApplicationReadyEvent.class)
  public void deploy() throws IOException {
    var resolver = new PathMatchingResourcePatternResolver();
    Resource[] processes =
        Stream.concat(
                Arrays.stream(resolver.getResources(LOCATION)),
                Arrays.stream(resolver.getResources(FORMS_LOCATION)))
            .sorted(Comparator.comparing(Resource::getFilename))
            .toArray(Resource[]::new);
    if (processes.length == 0) {
      throw new IllegalStateException("No bundled processes found at " + LOCATION);
    }
    var command = camunda.newDeployResourceCommand();
    var step = command.addResourceBytes(bytes(processes[0]), processes[0].getFilename());
    for (int i = 1; i < processes.length; i++) {
      step = step.addResourceBytes(bytes(processes[i]), processes[i].getFilename());
    }
    step.send().join();
    LOG.info("Deployed {} bundled PixVerse processes and forms", processes.length);
  }

  private static byte[] bytes(Resource resource) {
    try (InputStream in = resource.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
