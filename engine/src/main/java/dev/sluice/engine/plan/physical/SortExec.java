package dev.sluice.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.function.MapFunction;
import dev.sluice.engine.keyed.KeyOrder;
import dev.sluice.engine.plan.FunctionNames;
import dev.sluice.engine.plan.PlanNodeId;
import java.util.List;

/**
 * Sorts the rows of each partition by a key (stable: ties keep their input order), spilling sorted
 * runs to disk beyond the task's memory budget and merging them on output.
 *
 * @param id the id of the logical node it was planned from
 * @param child the input
 * @param key extracts the sort key of a row
 * @param order the key order
 */
public record SortExec(PlanNodeId id, PhysicalPlan child, MapFunction<Object, Object> key, KeyOrder order)
    implements PhysicalPlan {
  public SortExec {
    requireNonNull(id, "id is null");
    requireNonNull(child, "child is null");
    requireNonNull(key, "key is null");
    requireNonNull(order, "order is null");
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(child);
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    return new SortExec(id, PhysicalPlan.onlyChild(children, this), key, order);
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
    return "Sort[" + FunctionNames.of(key) + (order.ascending() ? " asc" : " desc") + "]";
  }

  @Override
  public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context) {
    return visitor.visitSort(this, context);
  }
}
