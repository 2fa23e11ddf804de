package dev.sluice.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.function.MapPartitionsFunction;
import dev.sluice.engine.plan.FunctionNames;
import dev.sluice.engine.plan.PlanNodeId;
import java.util.List;

/**
 * Runs a user function over the iterator of all rows of a partition.
 *
 * @param id the id of the logical node it was planned from
 * @param child the input
 * @param function the user function
 * @param rowClass the class of the results, or Object.class
 */
public record MapPartitionsExec(
    PlanNodeId id,
    PhysicalPlan child,
    MapPartitionsFunction<Object, Object> function,
    Class<?> rowClass)
    implements PhysicalPlan {
  public MapPartitionsExec {
    requireNonNull(id, "id is null");
    requireNonNull(child, "child is null");
    requireNonNull(function, "function is null");
    requireNonNull(rowClass, "rowClass is null");
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(child);
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    return new MapPartitionsExec(id, PhysicalPlan.onlyChild(children, this), function, rowClass);
  }

  @Override
  public int partitionCount() {
    return child.partitionCount();
  }

  @Override
  public String describe() {
    return "MapPartitions[" + FunctionNames.of(function) + " -> " + FunctionNames.ofClass(rowClass) + "]";
  }

  @Override
  public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context) {
    return visitor.visitMapPartitions(this, context);
  }
}
