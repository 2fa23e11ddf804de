package dev.sluice.scheduler;

import static java.util.Objects.requireNonNull;

import dev.sluice.scheduler.protocol.TaskPayloads;

/**
 * The scheduler's limits, and how task bytes travel.
 *
 * @param maxTaskAttempts attempts per task before its job fails ({@code sluice.task.maxAttempts})
 * @param maxStageAttempts how often a stage may lose its shuffle input (fetch failures) and be
 *     re-run after recomputing the lost map outputs, before its job fails ({@code
 *     sluice.stage.maxAttempts})
 * @param payloads how task binaries and results travel (inline in local mode)
 */
public record SchedulerSettings(int maxTaskAttempts, int maxStageAttempts, TaskPayloads payloads) {
  public SchedulerSettings {
    requireNonNull(payloads, "payloads is null");
    if (maxTaskAttempts < 1 || maxStageAttempts < 1) {
      throw new IllegalArgumentException("attempt limits must be at least 1, got " + maxTaskAttempts + " and "
          + maxStageAttempts);
    }
  }

  /** Local mode's settings: everything travels inline. */
  public SchedulerSettings(int maxTaskAttempts, int maxStageAttempts) {
    this(maxTaskAttempts, maxStageAttempts, TaskPayloads.INLINE);
  }
}
