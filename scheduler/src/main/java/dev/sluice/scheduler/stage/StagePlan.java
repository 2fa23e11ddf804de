package dev.sluice.scheduler.stage;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.exec.TaskSink;
import dev.sluice.engine.plan.physical.PhysicalPlan;
import java.util.List;

/**
 * A stage cut out of a physical plan, before its tasks are serialized.
 *
 * @param stageId unique within the session
 * @param name what the stage computes, for the UI and errors
 * @param plan the stage's part of the physical plan
 * @param sink what each task does with its partition's batches
 * @param parents the stages this one reads from
 * @param shuffleId the shuffle a shuffle-map stage writes, or -1 for the result stage
 */
public record StagePlan(int stageId, String name, PhysicalPlan plan, TaskSink sink, List<Integer> parents,
    int shuffleId) {
  public StagePlan {
    requireNonNull(name, "name is null");
    requireNonNull(plan, "plan is null");
    requireNonNull(sink, "sink is null");
    parents = List.copyOf(requireNonNull(parents, "parents is null"));
  }

  public int partitions() {
    return plan.partitionCount();
  }
}
