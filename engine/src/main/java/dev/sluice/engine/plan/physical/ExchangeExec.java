package dev.sluice.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.device.Placed;
import dev.sluice.engine.device.Placement;
import dev.sluice.engine.plan.PlanNodeId;
import java.util.List;

/**
 * A stage boundary: the rows of {@code child} are redistributed by {@code partitioning}. The stage
 * planner cuts here: {@code child} becomes a shuffle-map stage writing shuffle files, and this node
 * becomes a {@link ShuffleReadExec} in the stage that reads them.
 *
 * @param id the id of the logical node it was planned from
 * @param child the map side
 * @param partitioning how rows are distributed
 * @param placement where the map side computes each row's partition (the planner's GPU placement
 *     rule decides; only a columnar hash partitioning can go to the GPU)
 */
public record ExchangeExec(PlanNodeId id, PhysicalPlan child, Partitioning partitioning, Placement placement)
    implements PhysicalPlan, Placed {
  public ExchangeExec {
    requireNonNull(id, "id is null");
    requireNonNull(child, "child is null");
    requireNonNull(partitioning, "partitioning is null");
    requireNonNull(placement, "placement is null");
  }

  /** An exchange the placement rule has not seen yet (partitioning on the CPU). */
  public ExchangeExec(PlanNodeId id, PhysicalPlan child, Partitioning partitioning) {
    this(id, child, partitioning, Placement.NOT_PLACED);
  }

  /** This exchange placed as the planner decided. */
  public ExchangeExec withPlacement(Placement where) {
    return new ExchangeExec(id, child, partitioning, where);
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(child);
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    return new ExchangeExec(id, PhysicalPlan.onlyChild(children, this), partitioning, placement);
  }

  public ExchangeExec withPartitioning(Partitioning other) {
    return new ExchangeExec(id, child, other, placement);
  }

  @Override
  public int partitionCount() {
    return partitioning.partitions();
  }

  @Override
  public Class<?> rowClass() {
    return child.rowClass();
  }

  @Override
  public String describe() {
    return "Exchange[" + partitioning.describe() + "]";
  }

  @Override
  public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context) {
    return visitor.visitExchange(this, context);
  }
}
