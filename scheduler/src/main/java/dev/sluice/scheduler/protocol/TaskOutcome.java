package dev.sluice.scheduler.protocol;

import static java.util.Objects.requireNonNull;

/** How a task attempt ended, sent by the executor to the attempt's stage coordinator. */
public sealed interface TaskOutcome permits TaskOutcome.Succeeded, TaskOutcome.Failed {
  TaskKey key();

  int attempt();

  String executorId();

  /**
   * The attempt finished; {@code result} is the sink's answer for the driver.
   *
   * @param key the task
   * @param attempt the attempt number, from 0
   * @param executorId who ran it
   * @param result the encoded answer (may be empty)
   * @param metrics what the attempt measured
   * @param mapStatus for a shuffle-map task, where its output is; null for a result task
   */
  record Succeeded(TaskKey key, int attempt, String executorId, byte[] result, TaskMetrics metrics,
      dev.sluice.scheduler.shuffle.MapStatus mapStatus) implements TaskOutcome {
    public Succeeded {
      requireNonNull(key, "key is null");
      requireNonNull(executorId, "executorId is null");
      requireNonNull(result, "result is null");
      requireNonNull(metrics, "metrics is null");
    }
  }

  /**
   * The attempt threw; {@code error} is the user's own exception where the user's code failed.
   *
   * @param key the task
   * @param attempt the attempt number, from 0
   * @param executorId who ran it
   * @param error what was thrown
   */
  record Failed(TaskKey key, int attempt, String executorId, Throwable error) implements TaskOutcome {
    public Failed {
      requireNonNull(key, "key is null");
      requireNonNull(executorId, "executorId is null");
      requireNonNull(error, "error is null");
    }
  }
}
