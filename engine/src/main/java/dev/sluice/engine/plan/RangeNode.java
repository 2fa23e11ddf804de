package dev.sluice.engine.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The numbers {@code start, start + step, ...} below {@code end} (above it for a negative step), as a dataset of primitive longs.
 *
 * @param id the node id
 * @param origin where the user created it
 * @param start the first number
 * @param end the bound, exclusive
 * @param step the distance between numbers, not zero
 * @param partitions how many partitions, at least 1
 */
public record RangeNode(
    PlanNodeId id,
    Origin origin,
    long start,
    long end,
    long step,
    int partitions)
    implements LogicalPlan {
  public RangeNode {
    requireNonNull(id, "id is null");
    requireNonNull(origin, "origin is null");
    if (step == 0) {
      throw new IllegalArgumentException("step must not be zero");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
    }
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of();
  }

  @Override
  public LogicalPlan withChildren(List<LogicalPlan> children) {
    if (!children.isEmpty()) {
      throw new IllegalArgumentException("RangeNode has no children, got " + children.size());
    }
    return this;
  }

  @Override
  public <R, C> R accept(PlanVisitor<R, C> visitor, C context) {
    return visitor.visitRange(this, context);
  }

  @Override
  public Class<?> rowClass() {
    return Long.class;
  }

  @Override
  public String describe() {
    return "Range(start=" + start + ", end=" + end + ", step=" + step + ", partitions=" + partitions + ")";
  }
}
