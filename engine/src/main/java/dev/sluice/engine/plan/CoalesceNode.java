package dev.sluice.engine.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Fewer partitions without a shuffle: each output partition reads a run of consecutive input partitions.
 *
 * @param id the node id
 * @param origin where the user created it
 * @param child the input
 * @param partitions the most partitions to keep, at least 1
 */
public record CoalesceNode(
    PlanNodeId id,
    Origin origin,
    LogicalPlan child,
    int partitions)
    implements LogicalPlan {
  public CoalesceNode {
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
    return new CoalesceNode(id, origin, LogicalPlan.onlyChild(children, this), partitions);
  }

  @Override
  public <R, C> R accept(PlanVisitor<R, C> visitor, C context) {
    return visitor.visitCoalesce(this, context);
  }

  @Override
  public Class<?> rowClass() {
    return child.rowClass();
  }

  @Override
  public String describe() {
    return "Coalesce[" + partitions + "]";
  }
}
