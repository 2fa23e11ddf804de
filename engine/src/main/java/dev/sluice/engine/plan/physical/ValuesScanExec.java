package dev.sluice.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.split.ValuesSplit;
import java.util.List;

/**
 * Produces rows given by the driver, one encoded split per partition.
 *
 * @param id the id of the logical node it was planned from
 * @param splits one split per partition
 * @param rowClass the class of the rows, or Object.class
 */
public record ValuesScanExec(
    PlanNodeId id,
    List<ValuesSplit> splits,
    Class<?> rowClass)
    implements PhysicalPlan {
  public ValuesScanExec {
    requireNonNull(id, "id is null");
    splits = List.copyOf(requireNonNull(splits, "splits is null"));
    if (splits.isEmpty()) {
      throw new IllegalArgumentException("splits must not be empty");
    }
    requireNonNull(rowClass, "rowClass is null");
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of();
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    if (!children.isEmpty()) {
      throw new IllegalArgumentException("ValuesScanExec has no children, got " + children.size());
    }
    return this;
  }

  @Override
  public int partitionCount() {
    return splits.size();
  }

  @Override
  public String describe() {
    return "ValuesScan[" + splits.size() + " partitions]";
  }

  @Override
  public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context) {
    return visitor.visitValuesScan(this, context);
  }
}
