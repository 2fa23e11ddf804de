package dev.sluice.scheduler.stage;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A job: its stages in an order where parents come first; the last is the result stage, whose
 * task results make up the job's result.
 *
 * @param jobId unique within the session
 * @param description the action and where it was called
 * @param stages parents first, the result stage last
 */
public record JobSpec(int jobId, String description, List<StageSpec> stages) {
  public JobSpec {
    requireNonNull(description, "description is null");
    stages = List.copyOf(requireNonNull(stages, "stages is null"));
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("job " + jobId + " has no stages");
    }
  }

  public StageSpec resultStage() {
    return stages.get(stages.size() - 1);
  }
}
