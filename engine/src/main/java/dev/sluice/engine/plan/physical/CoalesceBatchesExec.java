package dev.sluice.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.types.Schema;
import java.util.List;

/**
 * The host side of a host-to-GPU transition: concatenates the child's Arrow batches, in order,
 * into batches of about {@code targetRows} rows (the last one of a partition smaller), so the GPU
 * operator above it launches its kernels over many rows at once instead of over the columnar
 * path's small batches (spark-rapids' {@code GpuCoalesceBatches}). The GPU placement rule puts one
 * under every GPU operator whose child is not itself on the GPU; rows, their order and the schema
 * are unchanged.
 *
 * @param id the id of the node it serves
 * @param child the input (a columnar node)
 * @param targetRows rows per output batch, at least 1
 */
public record CoalesceBatchesExec(PlanNodeId id, PhysicalPlan child, int targetRows)
    implements PhysicalPlan, ColumnarExec {
  public CoalesceBatchesExec {
    requireNonNull(id, "id is null");
    requireNonNull(child, "child is null");
    if (!(child instanceof ColumnarExec)) {
      throw new IllegalArgumentException("CoalesceBatches needs a columnar input, not " + child.describe());
    }
    if (targetRows < 1) {
      throw new IllegalArgumentException("targetRows must be at least 1, got " + targetRows);
    }
  }

  @Override
  public Schema schema() {
    return ((ColumnarExec) child).schema();
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(child);
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    return new CoalesceBatchesExec(id, PhysicalPlan.onlyChild(children, this), targetRows);
  }

  @Override
  public int partitionCount() {
    return child.partitionCount();
  }

  @Override
  public Class<?> rowClass() {
    return Object.class;
  }

  @Override
  public String describe() {
    return "CoalesceBatches to " + targetRows + " rows for the GPU";
  }

  @Override
  public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context) {
    return visitor.visitCoalesceBatches(this, context);
  }
}
