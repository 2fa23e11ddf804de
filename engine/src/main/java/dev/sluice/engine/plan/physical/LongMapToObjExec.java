package dev.sluice.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.function.LongMapToObjFunction;
import dev.sluice.engine.plan.FunctionNames;
import dev.sluice.engine.plan.PlanNodeId;
import java.util.List;

/**
 * Maps primitive longs to rows.
 *
 * @param id the id of the logical node it was planned from
 * @param child the input, an int64 column
 * @param function the user function
 * @param rowClass the class of the results, or Object.class
 */
public record LongMapToObjExec(
    PlanNodeId id,
    PhysicalPlan child,
    LongMapToObjFunction<Object> function,
    Class<?> rowClass)
    implements PhysicalPlan {
  public LongMapToObjExec {
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
    return new LongMapToObjExec(id, PhysicalPlan.onlyChild(children, this), function, rowClass);
  }

  @Override
  public int partitionCount() {
    return child.partitionCount();
  }

  @Override
  public String describe() {
    return "LongMapToObj[" + FunctionNames.of(function) + " -> " + FunctionNames.ofClass(rowClass) + "]";
  }

  @Override
  public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context) {
    return visitor.visitLongMapToObj(this, context);
  }
}
