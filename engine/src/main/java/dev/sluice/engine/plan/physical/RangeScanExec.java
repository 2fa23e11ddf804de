package dev.sluice.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.split.RangeSplit;
import java.util.List;

/**
 * Produces primitive longs (an int64 column) from range splits, one split per partition.
 *
 * @param id the id of the logical node it was planned from
 * @param splits one split per partition
 */
public record RangeScanExec(
    PlanNodeId id,
    List<RangeSplit> splits)
    implements PhysicalPlan {
  public RangeScanExec {
    requireNonNull(id, "id is null");
    splits = List.copyOf(requireNonNull(splits, "splits is null"));
    if (splits.isEmpty()) {
      throw new IllegalArgumentException("splits must not be empty");
    }
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of();
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    if (!children.isEmpty()) {
      throw new IllegalArgumentException("RangeScanExec has no children, got " + children.size());
    }
    return this;
  }

  @Override
  public int partitionCount() {
    return splits.size();
  }

  @Override
  public Class<?> rowClass() {
    return Long.class;
  }

  @Override
  public String describe() {
    return "RangeScan[" + splits.size() + " partitions]";
  }

  @Override
  public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context) {
    return visitor.visitRangeScan(this, context);
  }
}
