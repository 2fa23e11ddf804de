package dev.sluice.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.keyed.Aggregator;
import dev.sluice.engine.keyed.Pair;
import dev.sluice.engine.plan.PlanNodeId;
import java.util.List;

/**
 * Combines {@link Pair} rows by key in a hash table, spilling to disk beyond the task's memory
 * budget. Output rows are {@code Pair(key, accumulator)}.
 *
 * @param id the id of the logical node it was planned from
 * @param child the input
 * @param aggregator the combine functions
 * @param mode which functions apply: see {@link Mode}
 */
public record HashAggregateExec(PlanNodeId id, PhysicalPlan child, Aggregator aggregator, Mode mode)
    implements PhysicalPlan {
  /** Which half of a two-phase aggregation a node is. */
  public enum Mode {
    /** Before the shuffle: values in, accumulators out (createCombiner, mergeValue). */
    PARTIAL,
    /** After the shuffle, reading PARTIAL output: accumulators in and out (mergeCombiners). */
    FINAL,
    /** After the shuffle with no map-side combine: values in, accumulators out. */
    COMPLETE
  }

  public HashAggregateExec {
    requireNonNull(id, "id is null");
    requireNonNull(child, "child is null");
    requireNonNull(aggregator, "aggregator is null");
    requireNonNull(mode, "mode is null");
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(child);
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    return new HashAggregateExec(id, PhysicalPlan.onlyChild(children, this), aggregator, mode);
  }

  @Override
  public int partitionCount() {
    return child.partitionCount();
  }

  @Override
  public Class<?> rowClass() {
    return Pair.class;
  }

  @Override
  public String describe() {
    return "HashAggregate[" + mode.name().toLowerCase(java.util.Locale.ROOT) + "]";
  }

  @Override
  public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context) {
    return visitor.visitHashAggregate(this, context);
  }
}
