package io.github.pixversecamunda.simulator;

/** The simulator's endpoints, for fault injection and request counts. */
public enum Endpoint {
  SUBMIT,
  STATUS,
  DOWNLOAD
}
