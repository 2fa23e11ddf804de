package dev.sluice.engine.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The first {@code count} rows, in partition order.
 *
 * @param id the node id
 * @param origin where the user created it
 * @param child the input
 * @param count how many rows at most, at least zero
 */
public record LimitNode(
    PlanNodeId id,
    Origin origin,
    LogicalPlan child,
    long count)
    implements LogicalPlan {
  public LimitNode {
    requireNonNull(id, "id is null");
    requireNonNull(origin, "origin is null");
    requireNonNull(child, "child is null");
    if (count < 0) {
      throw new IllegalArgumentException("count must be greater than or equal to zero, got " + count);
    }
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of(child);
  }

  @Override
  public LogicalPlan withChildren(List<LogicalPlan> children) {
    return new LimitNode(id, origin, LogicalPlan.onlyChild(children, this), count);
  }

  @Override
  public <R, C> R accept(PlanVisitor<R, C> visitor, C context) {
    return visitor.visitLimit(this, context);
  }

  @Override
  public Class<?> rowClass() {
    return child.rowClass();
  }

  @Override
  public String describe() {
    return "Limit[" + count + "]";
  }
}
