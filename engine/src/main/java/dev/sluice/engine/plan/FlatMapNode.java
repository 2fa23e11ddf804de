package dev.sluice.engine.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.function.FlatMapFunction;
import java.util.List;

/**
 * Applies a function that returns zero or more rows for every row.
 *
 * @param id the node id
 * @param origin where the user created it
 * @param child the input
 * @param function the user function
 * @param rowClass the class of the results, or Object.class when unknown
 */
public record FlatMapNode(
    PlanNodeId id,
    Origin origin,
    LogicalPlan child,
    FlatMapFunction<?, ?> function,
    Class<?> rowClass)
    implements LogicalPlan {
  public FlatMapNode {
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
    return new FlatMapNode(id, origin, LogicalPlan.onlyChild(children, this), function, rowClass);
  }

  @Override
  public <R, C> R accept(PlanVisitor<R, C> visitor, C context) {
    return visitor.visitFlatMap(this, context);
  }

  @Override
  public String describe() {
    return "FlatMap[" + FunctionNames.of(function) + " -> " + FunctionNames.ofClass(rowClass) + "]";
  }
}
