package io.github.pixversecamunda.api;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Hears about every API call the {@link PixverseClient} makes, for metrics and health. No-op by
 * default. Called on whichever thread the call runs on, so implementations must be thread-safe and
 * quick. Nothing here carries a task id, a prompt or the key: only what is safe as a metric tag.
 */
public interface ApiCallObserver {

  /** Hears nothing: the default. */
  ApiCallObserver NONE = new ApiCallObserver() {};

  /** Which endpoint a call went to; the metric tag value is {@link #tag()}. */
  enum Endpoint {
    /** The submit endpoint (a paid POST). */
    SUBMIT,
    /** The task-status endpoint. */
    STATUS;

    /** {@return the endpoint as a metric tag value, e.g. {@code submit}} */
    public String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * A call got its in-flight slot after waiting this long (zero when one was free), and is now in
   * flight.
   *
   * @param endpoint where the call goes
   * @param waitedForSlot the time it queued for a slot
   */
  default void callStarted(Endpoint endpoint, Duration waitedForSlot) {}

  /**
   * A call left flight; {@code failure} is null when the API answered with success.
   *
   * @param endpoint where the call went
   * @param failure how it failed, or null
   */
  default void callFinished(Endpoint endpoint, @Nullable ErrorKind failure) {}

  /**
   * Tells every observer in turn.
   *
   * @param observers told in this order
   * @return one observer for all of them
   */
  static ApiCallObserver all(List<? extends ApiCallObserver> observers) {
    List<ApiCallObserver> copy = List.copyOf(observers);
    if (copy.size() == 1) {
      return copy.get(0);
    }
    return new ApiCallObserver() {
      @Override
      public void callStarted(Endpoint endpoint, Duration waitedForSlot) {
        copy.forEach(o -> o.callStarted(endpoint, waitedForSlot));
      }

      @Override
      public void callFinished(Endpoint endpoint, @Nullable ErrorKind failure) {
        copy.forEach(o -> o.callFinished(endpoint, failure));
      }
    };
  }
}
