package dev.sluice.scheduler.ui;

import static java.util.Objects.requireNonNull;

/**
 * A running stage as the console progress line shows it (one run of the stage: a re-run after
 * lost shuffle output counts only its own tasks).
 *
 * @param stageId the stage
 * @param name what it computes, e.g. {@code reduceByKey at WordCount.java:12}
 * @param totalTasks tasks of this run
 * @param completedTasks tasks of this run that succeeded
 * @param runningTasks attempts running now
 * @param startMillis when the run was submitted (epoch millis)
 * @param meanTaskMillis mean launch-to-success time of its succeeded tasks, or -1 before one succeeded
 * @param slots executor slots of the application (the concurrency assumed while no task runs)
 */
public record StageProgress(int stageId, String name, int totalTasks, int completedTasks, int runningTasks,
    long startMillis, long meanTaskMillis, int slots) {
  public StageProgress {
    requireNonNull(name, "name is null");
  }

  /**
   * Milliseconds until the stage is done, or -1 before a task succeeded: {@code ceil(remaining ×
   * meanTaskMillis ÷ concurrency)}, where {@code remaining = totalTasks − completedTasks} (running
   * tasks count as whole tasks) and {@code concurrency = runningTasks} when tasks run, else {@code
   * max(1, slots)}.
   */
  public long estimateMillis() {
    if (meanTaskMillis < 0 || completedTasks == 0) {
      return -1;
    }
    long remaining = Math.max(0, totalTasks - completedTasks);
    long concurrency = runningTasks > 0 ? runningTasks : Math.max(1, slots);
    return (remaining * meanTaskMillis + concurrency - 1) / concurrency;
  }
}
