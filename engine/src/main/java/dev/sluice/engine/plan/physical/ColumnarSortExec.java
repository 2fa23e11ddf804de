package dev.sluice.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.types.Schema;
import java.util.List;

/**
 * Sorts the rows of each partition by {@code keys} (resolved over the child's columns), spilling
 * sorted runs beyond the task's memory and merging them. With {@code limit ≥ 0} it keeps only the
 * first {@code limit} rows (top-N: a bounded heap, no full sort). A global order is planned as a
 * range exchange ({@link Partitioning.RangeColumns}) below this node.
 *
 * @param id the id of the logical node it was planned from
 * @param child the input
 * @param keys the order
 * @param limit how many rows to keep, or -1 for all
 * @param schema the output columns (the child's)
 */
public record ColumnarSortExec(PlanNodeId id, PhysicalPlan child, List<SortKey> keys, long limit, Schema schema)
    implements PhysicalPlan, ColumnarExec {
  public ColumnarSortExec {
    requireNonNull(id, "id is null");
    requireNonNull(child, "child is null");
    keys = List.copyOf(requireNonNull(keys, "keys is null"));
    requireNonNull(schema, "schema is null");
    if (limit < -1) {
      throw new IllegalArgumentException("limit must be -1 (none) or non-negative, got " + limit);
    }
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(child);
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    return new ColumnarSortExec(id, PhysicalPlan.onlyChild(children, this), keys, limit, schema);
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
    return (limit >= 0 ? "TopN " + limit + " " : "Sort ") + keys.stream().map(SortKey::sql).toList();
  }

  @Override
  public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context) {
    return visitor.visitColumnarSort(this, context);
  }
}
