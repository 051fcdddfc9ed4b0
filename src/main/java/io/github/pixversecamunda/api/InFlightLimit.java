package io.github.pixversecamunda.api;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * At most {@code max} calls open at once; a call beyond that waits in a queue, holding no thread,
 * and starts when an open one finishes. A blocking permit (a semaphore) would instead park the
 * caller: a job worker's only execution thread, and with it every other job type of that worker.
 *
 * <p>The queue needs no bound of its own: it holds at most the jobs the workers activated.
 */
final class InFlightLimit {

  private final int max;
  private final Executor starter;
  private final Queue<Runnable> waiting = new ArrayDeque<>();
  private int open;

  /**
   * @param starter runs queued calls, so that a finishing call never starts the next one on its own
   *     stack
   */
  InFlightLimit(int max, Executor starter) {
    if (max <= 0) {
      throw new IllegalArgumentException("max must be positive, got " + max);
    }
    this.max = max;
    this.starter = starter;
  }

  <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> call) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Runnable start =
        () -> {
          CompletableFuture<T> running;
          try {
            running = call.get();
          } catch (Throwable e) {
            running = CompletableFuture.failedFuture(e);
          }
          // Nothing waits on the stage whenComplete returns: the callback below hands every outcome
          // to result and cannot itself fail but in release(), which the finally guarantees.
          var unused =
              running.whenComplete(
                  (value, failure) -> {
                    // The caller hears first; the slot is passed on whatever happens while doing
                    // so.
                    try {
                      if (failure != null) {
                        result.completeExceptionally(failure);
                      } else {
                        result.complete(value);
                      }
                    } finally {
                      release();
                    }
                  });
        };
    boolean startNow;
    synchronized (this) {
      startNow = open < max;
      if (startNow) {
        open++;
      } else {
        waiting.add(start);
      }
    }
    if (startNow) {
      start.run();
    }
    return result;
  }

  private void release() {
    Runnable next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        open--;
      }
    }
    // The finished call's slot passes straight to the next one waiting.
    if (next != null) {
      starter.execute(next);
    }
  }

  synchronized int open() {
    return open;
  }

  synchronized int waiting() {
    return waiting.size();
  }
}
