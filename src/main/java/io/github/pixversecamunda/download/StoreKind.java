package io.github.pixversecamunda.download;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where the download worker keeps the finished video; {@code pixverse.storage.type}. */
public enum StoreKind {
  /** A directory of the worker (a local run, or a volume every reader mounts). */
  DIRECTORY("directory"),
  /** An S3-compatible bucket (AWS S3, MinIO, Ceph, Cloudflare R2, GCS's S3 interface). */
  S3("s3"),
  /** Camunda's document store: the result is a document reference Camunda's connectors take. */
  DOCUMENT("document");

  private final String wire;

  StoreKind(String wire) {
    this.wire = wire;
  }

  /**
   * The spelling in configuration and in the result's {@code store} field.
   *
   * @return e.g. {@code s3}
   */
  @JsonValue
  public String wire() {
    return wire;
  }
}
