package dev.sluice.scheduler.stage;

import dev.sluice.engine.exec.TaskSink;
import dev.sluice.engine.plan.physical.PhysicalPlan;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The stage planner. Physical plans have no exchange nodes yet (they come with shuffles), so
 * every plan is one result stage: all its operators are narrow and run in the same task per
 * partition. The cut at exchanges goes here, as a visitor over the plan, when exchanges exist.
 */
public final class DefaultStagePlanner implements StagePlanner {
  @Override
  public List<StagePlan> plan(PhysicalPlan root, TaskSink sink, String name, IntSupplier stageIds) {
    return List.of(new StagePlan(stageIds.getAsInt(), name, root, sink, List.of()));
  }
}
