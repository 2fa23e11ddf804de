package dev.sluice.engine.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.plan.split.ValuesSplit;
import java.util.List;

/**
 * Rows given by the driver ({@code parallelize}), encoded as Arrow IPC, one split per partition.
 *
 * @param id the node id
 * @param origin where the user created it
 * @param partitions one encoded split per partition
 * @param rowClass the class of the rows, or Object.class
 */
public record ValuesNode(
    PlanNodeId id,
    Origin origin,
    List<ValuesSplit> partitions,
    Class<?> rowClass)
    implements LogicalPlan {
  public ValuesNode {
    requireNonNull(id, "id is null");
    requireNonNull(origin, "origin is null");
    requireNonNull(rowClass, "rowClass is null");
    partitions = List.copyOf(requireNonNull(partitions, "partitions is null"));
    requireNonNull(rowClass, "rowClass is null");
    if (partitions.isEmpty()) {
      throw new IllegalArgumentException("partitions must not be empty");
    }
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of();
  }

  @Override
  public LogicalPlan withChildren(List<LogicalPlan> children) {
    if (!children.isEmpty()) {
      throw new IllegalArgumentException("ValuesNode has no children, got " + children.size());
    }
    return this;
  }

  @Override
  public <R, C> R accept(PlanVisitor<R, C> visitor, C context) {
    return visitor.visitValues(this, context);
  }

  @Override
  public String describe() {
    return "Values(" + partitions.size() + " partitions, " + partitions.stream().mapToLong(ValuesSplit::rows).sum() + " rows of " + FunctionNames.ofClass(rowClass) + ")";
  }
}
