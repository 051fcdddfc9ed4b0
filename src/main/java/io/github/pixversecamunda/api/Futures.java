package io.github.pixversecamunda.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * How to read the failure of an asynchronous call of {@link PixverseClient}. A call's future fails
 * with the classified {@link PixverseApiException} (or {@link InvalidInputException}), but every
 * stage chained onto it sees that failure wrapped in a {@link CompletionException}: callers unwrap
 * it here rather than each writing the same loop.
 */
public final class Futures {

  private Futures() {}

  /**
   * The failure inside the wrappers that asynchronous stages add ({@link CompletionException},
   * {@link ExecutionException}); the failure itself when it is not wrapped.
   *
   * @param failure what a future or a chained stage failed with
   * @return the innermost failure that is not such a wrapper
   */
  public static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * Waits for an asynchronous call and rethrows its failure as it was classified.
   *
   * @param <T> the call's result
   * @param call the asynchronous call
   * @return its result
   */
  public static <T> T join(CompletableFuture<T> call) {
    try {
      return call.join();
    } catch (CompletionException e) {
      if (unwrap(e) instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
  }
}
