package io.github.pixversecamunda.spring;

import io.github.pixversecamunda.testing.EngineFixture;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A Spring Boot test's application pointed at the in-memory engine (as at a self-managed cluster)
 * and at the fixture's simulator, with the simulator's own key.
 */
final class SpringOnEngine {

  private SpringOnEngine() {}

  static void connect(DynamicPropertyRegistry registry, EngineFixture fixture) {
    fixture.engine().clusterProperties().forEach((key, value) -> registry.add(key, () -> value));
    registry.add("pixverse.api-key", fixture.simulator()::apiKey);
    registry.add("pixverse.base-url", fixture.simulator()::baseUrl);
  }
}
