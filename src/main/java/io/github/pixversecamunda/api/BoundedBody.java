package io.github.pixversecamunda.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * Collects an answer's body up to {@code max} bytes and gives up beyond: an answer of 20 MB must
 * cost neither the worker's heap nor the job (a result that large cannot even be recorded in the
 * engine). The JDK's {@code ofString()} collects any size.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

  /** The answer was larger than the client reads. */
  static final class TooLarge extends IOException {
    TooLarge(long max) {
      super("the answer is larger than " + max + " bytes");
    }
  }

  private final long max;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();

  /** Set by {@link #onSubscribe}, which the publisher calls before any item arrives. */
  private Flow.@Nullable Subscription subscription;

  private BoundedBody(long max) {
    this.max = max;
  }

  static HttpResponse.BodyHandler<byte[]> handler(long max) {
    return info -> new BoundedBody(max);
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer item : items) {
      if (bytes.size() + (long) item.remaining() > max) {
        Flow.Subscription current = subscription;
        if (current != null) {
          current.cancel();
        }
        result.completeExceptionally(new TooLarge(max));
        return;
      }
      byte[] chunk = new byte[item.remaining()];
      item.get(chunk);
      bytes.write(chunk, 0, chunk.length);
    }
  }

  @Override
  public void onError(Throwable failure) {
    result.completeExceptionally(failure);
  }

  @Override
  public void onComplete() {
    result.complete(bytes.toByteArray());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }
}
