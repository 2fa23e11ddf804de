package dev.sluice.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.function.MapToLongFunction;
import dev.sluice.engine.plan.FunctionNames;
import dev.sluice.engine.plan.PlanNodeId;
import java.util.List;

/**
 * Maps rows to primitive longs.
 *
 * @param id the id of the logical node it was planned from
 * @param child the input
 * @param function the user function
 */
public record MapToLongExec(
    PlanNodeId id,
    PhysicalPlan child,
    MapToLongFunction<Object> function)
    implements PhysicalPlan {
  public MapToLongExec {
    requireNonNull(id, "id is null");
    requireNonNull(child, "child is null");
    requireNonNull(function, "function is null");
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(child);
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    return new MapToLongExec(id, PhysicalPlan.onlyChild(children, this), function);
  }

  @Override
  public int partitionCount() {
    return child.partitionCount();
  }

  @Override
  public Class<?> rowClass() {
    return Long.class;
  }

  @Override
  public String describe() {
    return "MapToLong[" + FunctionNames.of(function) + "]";
  }

  @Override
  public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context) {
    return visitor.visitMapToLong(this, context);
  }
}
