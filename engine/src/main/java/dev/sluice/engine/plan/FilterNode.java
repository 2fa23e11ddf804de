package dev.sluice.engine.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.function.FilterFunction;
import java.util.List;

/**
 * Keeps the rows for which a predicate holds.
 *
 * @param id the node id
 * @param origin where the user created it
 * @param child the input
 * @param function the user predicate
 */
public record FilterNode(
    PlanNodeId id,
    Origin origin,
    LogicalPlan child,
    FilterFunction<?> function)
    implements LogicalPlan {
  public FilterNode {
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
    return new FilterNode(id, origin, LogicalPlan.onlyChild(children, this), function);
  }

  @Override
  public <R, C> R accept(PlanVisitor<R, C> visitor, C context) {
    return visitor.visitFilter(this, context);
  }

  @Override
  public Class<?> rowClass() {
    return child.rowClass();
  }

  @Override
  public String describe() {
    return "Filter[" + FunctionNames.of(function) + "]";
  }
}
