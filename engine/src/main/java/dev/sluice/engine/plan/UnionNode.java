package dev.sluice.engine.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * All rows of several inputs, keeping duplicates (SQL UNION ALL, Spark {@code union}); the
 * partitions of the inputs, one after another, become its partitions.
 *
 * @param id the node id
 * @param origin where the user created it
 * @param inputs the inputs, at least two
 */
public record UnionNode(PlanNodeId id, Origin origin, List<LogicalPlan> inputs) implements LogicalPlan {
  public UnionNode {
    requireNonNull(id, "id is null");
    requireNonNull(origin, "origin is null");
    inputs = List.copyOf(requireNonNull(inputs, "inputs is null"));
    if (inputs.size() < 2) {
      throw new IllegalArgumentException("a union needs at least two inputs, got " + inputs.size());
    }
  }

  @Override
  public List<LogicalPlan> children() {
    return inputs;
  }

  @Override
  public LogicalPlan withChildren(List<LogicalPlan> children) {
    return new UnionNode(id, origin, children);
  }

  @Override
  public <R, C> R accept(PlanVisitor<R, C> visitor, C context) {
    return visitor.visitUnion(this, context);
  }

  @Override
  public Class<?> rowClass() {
    Class<?> first = inputs.get(0).rowClass();
    for (LogicalPlan input : inputs) {
      if (input.rowClass() != first) {
        return Object.class;
      }
    }
    return first;
  }

  @Override
  public String describe() {
    return "Union[" + inputs.size() + " inputs]";
  }
}
