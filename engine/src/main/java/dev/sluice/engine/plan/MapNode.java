package dev.sluice.engine.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.function.MapFunction;
import java.util.List;

/**
 * Applies a function to every row.
 *
 * @param id the node id
 * @param origin where the user created it
 * @param child the input
 * @param function the user function
 * @param rowClass the class of the results, or Object.class when unknown
 */
public record MapNode(
    PlanNodeId id,
    Origin origin,
    LogicalPlan child,
    MapFunction<?, ?> function,
    Class<?> rowClass)
    implements LogicalPlan {
  public MapNode {
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
    return new MapNode(id, origin, LogicalPlan.onlyChild(children, this), function, rowClass);
  }

  @Override
  public <R, C> R accept(PlanVisitor<R, C> visitor, C context) {
    return visitor.visitMap(this, context);
  }

  @Override
  public String describe() {
    return "Map[" + FunctionNames.of(function) + " -> " + FunctionNames.ofClass(rowClass) + "]";
  }
}
