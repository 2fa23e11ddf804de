package dev.sluice.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.plan.PlanNodeId;
import java.util.List;

/**
 * Fewer partitions without a shuffle: output partition {@code p} reads a run of consecutive input partitions, in order (Spark's {@code coalesce} without shuffle).
 *
 * @param id the id of the logical node it was planned from
 * @param child the input
 * @param partitions how many partitions, 1 to the input's count
 */
public record CoalesceExec(
    PlanNodeId id,
    PhysicalPlan child,
    int partitions)
    implements PhysicalPlan {
  public CoalesceExec {
    requireNonNull(id, "id is null");
    requireNonNull(child, "child is null");
    if (partitions < 1 || partitions > child.partitionCount()) {
      throw new IllegalArgumentException("partitions must be between 1 and " + child.partitionCount() + ", got " + partitions);
    }
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(child);
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    return new CoalesceExec(id, PhysicalPlan.onlyChild(children, this), partitions);
  }

  @Override
  public int partitionCount() {
    return partitions;
  }

  @Override
  public Class<?> rowClass() {
    return child.rowClass();
  }

  @Override
  public String describe() {
    return "Coalesce[" + child.partitionCount() + " -> " + partitions + " partitions]";
  }

  @Override
  public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context) {
    return visitor.visitCoalesce(this, context);
  }
}
