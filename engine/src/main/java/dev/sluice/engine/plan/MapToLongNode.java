package dev.sluice.engine.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.function.MapToLongFunction;
import java.util.List;

/**
 * Maps rows to primitive longs.
 *
 * @param id the node id
 * @param origin where the user created it
 * @param child the input
 * @param function the user function
 */
public record MapToLongNode(
    PlanNodeId id,
    Origin origin,
    LogicalPlan child,
    MapToLongFunction<?> function)
    implements LogicalPlan {
  public MapToLongNode {
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
    return new MapToLongNode(id, origin, LogicalPlan.onlyChild(children, this), function);
  }

  @Override
  public <R, C> R accept(PlanVisitor<R, C> visitor, C context) {
    return visitor.visitMapToLong(this, context);
  }

  @Override
  public Class<?> rowClass() {
    return Long.class;
  }

  @Override
  public String describe() {
    return "MapToLong[" + FunctionNames.of(function) + "]";
  }
}
