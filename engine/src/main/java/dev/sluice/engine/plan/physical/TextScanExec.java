package dev.sluice.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.split.FileSplit;
import java.util.List;

/**
 * Produces the lines of text file splits as a utf8 column, one split per partition.
 *
 * @param id the id of the logical node it was planned from
 * @param splits one split per partition
 */
public record TextScanExec(
    PlanNodeId id,
    List<FileSplit> splits)
    implements PhysicalPlan {
  public TextScanExec {
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
      throw new IllegalArgumentException("TextScanExec has no children, got " + children.size());
    }
    return this;
  }

  @Override
  public int partitionCount() {
    return splits.size();
  }

  @Override
  public Class<?> rowClass() {
    return String.class;
  }

  @Override
  public String describe() {
    return "TextScan[" + splits.size() + " splits]";
  }

  @Override
  public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context) {
    return visitor.visitTextScan(this, context);
  }
}
