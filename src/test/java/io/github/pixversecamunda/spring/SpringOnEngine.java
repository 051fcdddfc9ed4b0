package io.github.pixversecamunda.spring;

import io.github.pixversecamunda.testing.EngineFixture;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A Spring Boot application pointed at the in-memory engine (as at a self-managed cluster) and at
 * the fixture's simulator, with the simulator's own key: as a Spring Boot test's dynamic
 * properties, or as the settings of an application a test starts itself.
 */
public final class SpringOnEngine {

  private SpringOnEngine() {}

  /** The Camunda client and PixVerse API settings that reach the fixture's engine and simulator. */
  public static Map<String, String> properties(EngineFixture fixture) {
    Map<String, String> properties = new LinkedHashMap<>(fixture.engine().clusterProperties());
    properties.put("pixverse.api-key", fixture.simulator().apiKey());
    properties.put("pixverse.base-url", fixture.simulator().baseUrl());
    return properties;
  }

  static void connect(DynamicPropertyRegistry registry, EngineFixture fixture) {
    properties(fixture).forEach((key, value) -> registry.add(key, () -> value));
  }
}
