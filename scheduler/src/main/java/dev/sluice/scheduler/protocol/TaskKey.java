package dev.sluice.scheduler.protocol;

/**
 * Names a task independently of its attempts.
 *
 * @param jobId the job, unique within the session
 * @param stageId the stage, unique within the session
 * @param partition the partition the task computes
 */
public record TaskKey(int jobId, int stageId, int partition) {
  @Override
  public String toString() {
    return "job-" + jobId + "/stage-" + stageId + "/task-" + partition;
  }
}
