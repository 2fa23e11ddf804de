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
 * @param operators how the task reports its operators' figures in its stage's listing ({@link
 *     StageOperators#fragment} makes fragments with it)
 */
public record TaskFragment(PhysicalPlan plan, TaskSink sink, OperatorListing operators) {
  public TaskFragment {
    requireNonNull(plan, "plan is null");
    requireNonNull(sink, "sink is null");
    requireNonNull(operators, "operators is null");
  }

  /** A fragment whose plan is a stage of its own (one partition, tests): every node is listed. */
  public TaskFragment(PhysicalPlan plan, TaskSink sink) {
    this(plan, sink, OperatorListing.of(plan));
  }
}
