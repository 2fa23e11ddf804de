package dev.sluice.scheduler.ui.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A job ({@code GET /api/v1/applications/{app}/jobs[/{jobId}]}). Task counts are over its stages'
 * partitions: a partition counts as completed once one attempt succeeded, even when a stage ran
 * again to recompute lost shuffle output.
 *
 * @param jobId the job
 * @param description the action and its call site
 * @param status {@code RUNNING}, {@code SUCCEEDED} or {@code FAILED}
 * @param submissionTime when it was submitted (epoch millis)
 * @param completionTime when it ended, -1 while it runs
 * @param durationMillis completion minus submission, -1 while it runs
 * @param stageIds its stages, parents first
 * @param numStages how many stages it has
 * @param numCompletedStages how many of them completed
 * @param numTasks partitions over all its stages
 * @param numCompletedTasks partitions with a successful attempt
 * @param numActiveTasks attempts running now
 * @param numFailedTasks attempts that failed
 * @param failureReason why it failed, or null
 */
public record JobData(int jobId, String description, String status, long submissionTime, long completionTime,
    long durationMillis, List<Integer> stageIds, int numStages, int numCompletedStages, int numTasks,
    int numCompletedTasks, int numActiveTasks, int numFailedTasks, String failureReason) {
  public JobData {
    requireNonNull(description, "description is null");
    requireNonNull(status, "status is null");
    stageIds = List.copyOf(stageIds);
  }
}
