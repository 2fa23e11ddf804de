package dev.sluice.engine.exec;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.plan.physical.PhysicalPlan;

/**
 * The unit of work shipped to an executor (Kryo-serialized, user closures included): the plan of
 * one partition, resolved so that its sources hold only that partition's splits, and what to do
 * with the result.
 *
 * @param plan the resolved plan of one partition
 * @param sink what the task does with the plan's batches
 */
public record TaskFragment(PhysicalPlan plan, TaskSink sink) {
  public TaskFragment {
    requireNonNull(plan, "plan is null");
    requireNonNull(sink, "sink is null");
  }
}
