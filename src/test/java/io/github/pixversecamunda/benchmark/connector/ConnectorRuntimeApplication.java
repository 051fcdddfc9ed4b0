package io.github.pixversecamunda.benchmark.connector;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Camunda's connectors runtime (spring-boot-starter-camunda-connectors) with the REST connector
 * (connector-http-json) on its classpath: the starter finds and runs the connector by itself.
 * Benchmark profile only; never a dependency of the library.
 */
@SpringBootApplication
public class ConnectorRuntimeApplication {}
