package dev.sluice.engine.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.function.LongFilterFunction;
import java.util.List;

/**
 * Keeps the primitive longs for which a predicate holds, without boxing.
 *
 * @param id the node id
 * @param origin where the user created it
 * @param child the input, a dataset of longs
 * @param function the user predicate
 */
public record LongFilterNode(
    PlanNodeId id,
    Origin origin,
    LogicalPlan child,
    LongFilterFunction function)
    implements LogicalPlan {
  public LongFilterNode {
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
    return new LongFilterNode(id, origin, LogicalPlan.onlyChild(children, this), function);
  }

  @Override
  public <R, C> R accept(PlanVisitor<R, C> visitor, C context) {
    return visitor.visitLongFilter(this, context);
  }

  @Override
  public Class<?> rowClass() {
    return Long.class;
  }

  @Override
  public String describe() {
    return "LongFilter[" + FunctionNames.of(function) + "]";
  }
}
