package dev.sluice.engine.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.function.LongMapFunction;
import java.util.List;

/**
 * Maps primitive longs to primitive longs, column at a time, without boxing.
 *
 * @param id the node id
 * @param origin where the user created it
 * @param child the input, a dataset of longs
 * @param function the user function
 */
public record LongMapNode(
    PlanNodeId id,
    Origin origin,
    LogicalPlan child,
    LongMapFunction function)
    implements LogicalPlan {
  public LongMapNode {
    requireNonNull(id, "id is null");
    requireNonNull(origin, "origin is null");
    requireNonNull(child, "child is null");
    requireNonNull(function, "function is null");
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of(child);
  }

  @Override
  public LogicalPlan withChildren(List<LogicalPlan> children) {
    return new LongMapNode(id, origin, LogicalPlan.onlyChild(children, this), function);
  }

  @Override
  public <R, C> R accept(PlanVisitor<R, C> visitor, C context) {
    return visitor.visitLongMap(this, context);
  }

  @Override
  public Class<?> rowClass() {
    return Long.class;
  }

  @Override
  public String describe() {
    return "LongMap[" + FunctionNames.of(function) + "]";
  }
}
