package dev.sluice.scheduler.stage;

import static java.util.Objects.requireNonNull;

import dev.sluice.scheduler.event.PlanText;
import java.util.List;

/**
 * A job: its stages in an order where parents come first; the last is the result stage, whose
 * task results make up the job's result.
 *
 * @param jobId unique within the session
 * @param description the action and where it was called
 * @param stages parents first, the result stage last
 * @param plans the plans the job was made from, for the UI (may be empty)
 */
public record JobSpec(int jobId, String description, List<StageSpec> stages, List<PlanText> plans) {
  public JobSpec {
    requireNonNull(description, "description is null");
    plans = List.copyOf(requireNonNull(plans, "plans is null"));
    stages = List.copyOf(requireNonNull(stages, "stages is null"));
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("job " + jobId + " has no stages");
    }
  }

  /** A job without plan texts. */
  public JobSpec(int jobId, String description, List<StageSpec> stages) {
    this(jobId, description, stages, List.of());
  }

  public StageSpec resultStage() {
    return stages.get(stages.size() - 1);
  }
}
