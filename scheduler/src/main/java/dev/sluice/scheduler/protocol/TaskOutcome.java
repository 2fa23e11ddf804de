package dev.sluice.scheduler.protocol;

import static java.util.Objects.requireNonNull;

/** How a task attempt ended, sent by the executor to the attempt's stage coordinator. */
public sealed interface TaskOutcome extends WireMessage permits TaskOutcome.Succeeded, TaskOutcome.Failed {
  TaskKey key();

  int attempt();

  String executorId();

  /**
   * The attempt finished; {@code result} is the sink's answer for the driver, or, when {@code
   * resultRef} is set, the answer was too big for a message and was put on the driver's data
   * server under that reference before this outcome was sent (see {@link TaskPayloads}).
   *
   * @param key the task
   * @param attempt the attempt number, from 0
   * @param executorId who ran it
   * @param result the encoded answer (may be empty; empty when {@code resultRef} is set)
   * @param metrics what the attempt measured
   * @param mapStatus for a shuffle-map task, where its output is; null for a result task
   * @param resultRef where the answer is when it did not travel in this message; null otherwise
   */
  record Succeeded(TaskKey key, int attempt, String executorId, byte[] result, TaskMetrics metrics,
      dev.sluice.scheduler.shuffle.MapStatus mapStatus, String resultRef) implements TaskOutcome {
    public Succeeded {
      requireNonNull(key, "key is null");
      requireNonNull(executorId, "executorId is null");
      requireNonNull(result, "result is null");
      requireNonNull(metrics, "metrics is null");
    }

    /** An outcome whose answer travels in the message. */
    public Succeeded(TaskKey key, int attempt, String executorId, byte[] result, TaskMetrics metrics,
        dev.sluice.scheduler.shuffle.MapStatus mapStatus) {
      this(key, attempt, executorId, result, metrics, mapStatus, null);
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
