package io.github.pixversecamunda.worker;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobHandler;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the jobs whose handling has started and whose outcome has not been sent yet. A graceful
 * shutdown stops activating jobs and then waits here, so that a submit the API has accepted is
 * recorded and completed before the process exits instead of being left to a redelivery.
 */
public final class InFlightJobs {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private int count;

  /** No job in flight yet. */
  public InFlightJobs() {}

  /**
   * Wraps a handler so that each job counts from activation until its outcome was sent.
   *
   * @param handler the handler to count
   * @return a handler to register with the Camunda client
   */
  public JobHandler track(AsyncJobHandler handler) {
    return (JobClient client, ActivatedJob job) -> run(handler, client, job);
  }

  /**
   * Runs one job through the handler, counted.
   *
   * @param handler decides and sends the outcome
   * @param client the job client
   * @param job the job
   * @return completes once the outcome was sent
   */
  public CompletionStage<Void> run(AsyncJobHandler handler, JobClient client, ActivatedJob job) {
    change(1);
    CompletionStage<Void> done;
    try {
      done = handler.handleAsync(client, job);
    } catch (RuntimeException | Error e) {
      change(-1);
      throw e;
    }
    return done.whenComplete((ok, failure) -> change(-1));
  }

  /** {@return the jobs counted now (started, outcome not sent yet)} */
  public int count() {
    lock.lock();
    try {
      return count;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until no job is in flight or the timeout has passed; true when idle.
   *
   * @param timeout the longest wait
   * @return true when idle, false when jobs were still in flight at the timeout
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long left = timeout.toNanos();
    lock.lock();
    try {
      while (count > 0) {
        if (left <= 0) {
          return false;
        }
        left = idle.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void change(int delta) {
    lock.lock();
    try {
      count += delta;
      if (count == 0) {
        idle.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "InFlightJobs[" + count() + "]";
  }
}
