package dev.sluice.scheduler;

/**
 * The scheduler's limits.
 *
 * @param maxTaskAttempts attempts per task before its job fails ({@code sluice.task.maxAttempts})
 * @param maxStageAttempts how often a stage may lose its shuffle input (fetch failures) and be
 *     re-run after recomputing the lost map outputs, before its job fails ({@code
 *     sluice.stage.maxAttempts})
 */
public record SchedulerSettings(int maxTaskAttempts, int maxStageAttempts) {
  public SchedulerSettings {
    if (maxTaskAttempts < 1 || maxStageAttempts < 1) {
      throw new IllegalArgumentException("attempt limits must be at least 1, got " + maxTaskAttempts + " and "
          + maxStageAttempts);
    }
  }
}
