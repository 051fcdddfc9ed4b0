/**
 * Keeping the finished video: the guarded HTTP fetch (address checks, redirects, content policy),
 * the stream every store reads, object keys, and the stores behind {@link
 * io.github.pixversecamunda.download.VideoStore}: a directory, S3 or Camunda documents.
 */
@NullMarked
package io.github.pixversecamunda.download;

import org.jspecify.annotations.NullMarked;
