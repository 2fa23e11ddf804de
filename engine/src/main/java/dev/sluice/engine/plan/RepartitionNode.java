package dev.sluice.engine.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Spreads rows evenly over {@code partitions} partitions by a round-robin shuffle.
 *
 * @param id the node id
 * @param origin where the user created it
 * @param child the input
 * @param partitions how many partitions, at least 1
 */
public record RepartitionNode(
    PlanNodeId id,
    Origin origin,
    LogicalPlan child,
    int partitions)
    implements LogicalPlan {
  public RepartitionNode {
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
    return new RepartitionNode(id, origin, LogicalPlan.onlyChild(children, this), partitions);
  }

  @Override
  public <R, C> R accept(PlanVisitor<R, C> visitor, C context) {
    return visitor.visitRepartition(this, context);
  }

  @Override
  public Class<?> rowClass() {
    return child.rowClass();
  }

  @Override
  public String describe() {
    return "Repartition[" + partitions + "]";
  }
}
