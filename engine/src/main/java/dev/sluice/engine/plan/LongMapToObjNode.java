package dev.sluice.engine.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.function.LongMapToObjFunction;
import java.util.List;

/**
 * Maps primitive longs to rows.
 *
 * @param id the node id
 * @param origin where the user created it
 * @param child the input, a dataset of longs
 * @param function the user function
 * @param rowClass the class of the results, or Object.class when unknown
 */
public record LongMapToObjNode(
    PlanNodeId id,
    Origin origin,
    LogicalPlan child,
    LongMapToObjFunction<?> function,
    Class<?> rowClass)
    implements LogicalPlan {
  public LongMapToObjNode {
    requireNonNull(id, "id is null");
    requireNonNull(origin, "origin is null");
    requireNonNull(child, "child is null");
    requireNonNull(function, "function is null");
    requireNonNull(rowClass, "rowClass is null");
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of(child);
  }

  @Override
  public LogicalPlan withChildren(List<LogicalPlan> children) {
    return new LongMapToObjNode(id, origin, LogicalPlan.onlyChild(children, this), function, rowClass);
  }

  @Override
  public <R, C> R accept(PlanVisitor<R, C> visitor, C context) {
    return visitor.visitLongMapToObj(this, context);
  }

  @Override
  public String describe() {
    return "LongMapToObj[" + FunctionNames.of(function) + " -> " + FunctionNames.ofClass(rowClass) + "]";
  }
}
