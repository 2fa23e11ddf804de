package dev.sluice.engine.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.function.MapPartitionsFunction;
import java.util.List;

/**
 * Applies a function to the iterator of all rows of each partition.
 *
 * @param id the node id
 * @param origin where the user created it
 * @param child the input
 * @param function the user function
 * @param rowClass the class of the results, or Object.class when unknown
 */
public record MapPartitionsNode(
    PlanNodeId id,
    Origin origin,
    LogicalPlan child,
    MapPartitionsFunction<?, ?> function,
    Class<?> rowClass)
    implements LogicalPlan {
  public MapPartitionsNode {
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
    return new MapPartitionsNode(id, origin, LogicalPlan.onlyChild(children, this), function, rowClass);
  }

  @Override
  public <R, C> R accept(PlanVisitor<R, C> visitor, C context) {
    return visitor.visitMapPartitions(this, context);
  }

  @Override
  public String describe() {
    return "MapPartitions[" + FunctionNames.of(function) + " -> " + FunctionNames.ofClass(rowClass) + "]";
  }
}
