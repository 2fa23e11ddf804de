package dev.sluice.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.plan.PlanNodeId;
import java.util.List;

/**
 * The first {@code count} rows of each partition.
 *
 * @param id the id of the logical node it was planned from
 * @param child the input
 * @param count how many rows at most
 */
public record LocalLimitExec(
    PlanNodeId id,
    PhysicalPlan child,
    long count)
    implements PhysicalPlan {
  public LocalLimitExec {
    requireNonNull(id, "id is null");
    requireNonNull(child, "child is null");
    if (count < 0) {
      throw new IllegalArgumentException("count must be greater than or equal to zero, got " + count);
    }
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(child);
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    return new LocalLimitExec(id, PhysicalPlan.onlyChild(children, this), count);
  }

  @Override
  public int partitionCount() {
    return child.partitionCount();
  }

  @Override
  public Class<?> rowClass() {
    return child.rowClass();
  }

  @Override
  public String describe() {
    return "LocalLimit[" + count + "]";
  }

  @Override
  public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context) {
    return visitor.visitLocalLimit(this, context);
  }
}
