package dev.sluice.engine.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.keyed.Aggregator;
import java.util.List;

/**
 * Combines the values of each key of a dataset of {@link dev.sluice.engine.keyed.Pair} rows into one accumulator per key (Spark's {@code combineByKey}): a shuffle by key hash into {@code partitions} partitions, with a partial combine before it when {@code mapSideCombine}.
 *
 * @param id the node id
 * @param origin where the user created it
 * @param child the input, rows of Pair
 * @param aggregator the combine functions
 * @param partitions partitions after the shuffle, at least 1
 * @param mapSideCombine whether to combine before the shuffle
 */
public record CombineByKeyNode(
    PlanNodeId id,
    Origin origin,
    LogicalPlan child,
    Aggregator aggregator,
    int partitions,
    boolean mapSideCombine)
    implements LogicalPlan {
  public CombineByKeyNode {
    requireNonNull(id, "id is null");
    requireNonNull(origin, "origin is null");
    requireNonNull(child, "child is null");
    requireNonNull(aggregator, "aggregator is null");
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
    }
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of(child);
  }

  @Override
  public LogicalPlan withChildren(List<LogicalPlan> children) {
    return new CombineByKeyNode(id, origin, LogicalPlan.onlyChild(children, this), aggregator, partitions, mapSideCombine);
  }

  @Override
  public <R, C> R accept(PlanVisitor<R, C> visitor, C context) {
    return visitor.visitCombineByKey(this, context);
  }

  @Override
  public Class<?> rowClass() {
    return dev.sluice.engine.keyed.Pair.class;
  }

  @Override
  public String describe() {
    return "CombineByKey[" + partitions + " partitions" + (mapSideCombine ? ", map-side combine" : "") + "]";
  }
}
