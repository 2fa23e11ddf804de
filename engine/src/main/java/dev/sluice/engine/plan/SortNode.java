package dev.sluice.engine.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.function.MapFunction;
import dev.sluice.engine.keyed.KeyOrder;
import java.util.List;

/**
 * Sorts rows by a key, across partitions: range partitioning on sampled key bounds, then a sort within each partition.
 *
 * @param id the node id
 * @param origin where the user created it
 * @param child the input
 * @param keyFunction extracts the sort key of a row
 * @param order ascending or descending, nulls first or last
 * @param partitions partitions of the sorted result, at least 1
 */
public record SortNode(
    PlanNodeId id,
    Origin origin,
    LogicalPlan child,
    MapFunction<?, ?> keyFunction,
    KeyOrder order,
    int partitions)
    implements LogicalPlan {
  public SortNode {
    requireNonNull(id, "id is null");
    requireNonNull(origin, "origin is null");
    requireNonNull(child, "child is null");
    requireNonNull(keyFunction, "keyFunction is null");
    requireNonNull(order, "order is null");
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
    return new SortNode(id, origin, LogicalPlan.onlyChild(children, this), keyFunction, order, partitions);
  }

  @Override
  public <R, C> R accept(PlanVisitor<R, C> visitor, C context) {
    return visitor.visitSort(this, context);
  }

  @Override
  public Class<?> rowClass() {
    return child.rowClass();
  }

  @Override
  public String describe() {
    return "Sort[" + FunctionNames.of(keyFunction) + (order.ascending() ? " asc" : " desc") + ", " + partitions + " partitions]";
  }
}
