package dev.sluice.engine.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Moves {@link dev.sluice.engine.keyed.Pair} rows to the partition of their key's hash.
 *
 * @param id the node id
 * @param origin where the user created it
 * @param child the input, rows of Pair
 * @param partitions how many partitions, at least 1
 */
public record PartitionByNode(
    PlanNodeId id,
    Origin origin,
    LogicalPlan child,
    int partitions)
    implements LogicalPlan {
  public PartitionByNode {
    requireNonNull(id, "id is null");
    requireNonNull(origin, "origin is null");
    requireNonNull(child, "child is null");
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
    return new PartitionByNode(id, origin, LogicalPlan.onlyChild(children, this), partitions);
  }

  @Override
  public <R, C> R accept(PlanVisitor<R, C> visitor, C context) {
    return visitor.visitPartitionBy(this, context);
  }

  @Override
  public Class<?> rowClass() {
    return child.rowClass();
  }

  @Override
  public String describe() {
    return "PartitionBy[hash, " + partitions + "]";
  }
}
