package dev.sluice.engine.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.keyed.Pair;
import java.util.List;

/**
 * Groups several datasets of {@link Pair} rows by key (Spark's {@code cogroup}): every input is
 * shuffled by key hash into {@code partitions} partitions, and each key present in any input yields
 * one row {@code Pair(key, List(valuesOfInput0, valuesOfInput1, ...))}. Joins are built on it.
 *
 * @param id the node id
 * @param origin where the user created it
 * @param inputs the inputs, at least one, rows of Pair
 * @param partitions partitions after the shuffle, at least 1
 */
public record CoGroupNode(PlanNodeId id, Origin origin, List<LogicalPlan> inputs, int partitions)
    implements LogicalPlan {
  public CoGroupNode {
    requireNonNull(id, "id is null");
    requireNonNull(origin, "origin is null");
    inputs = List.copyOf(requireNonNull(inputs, "inputs is null"));
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("inputs must not be empty");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
    }
  }

  @Override
  public List<LogicalPlan> children() {
    return inputs;
  }

  @Override
  public LogicalPlan withChildren(List<LogicalPlan> children) {
    return new CoGroupNode(id, origin, children, partitions);
  }

  @Override
  public <R, C> R accept(PlanVisitor<R, C> visitor, C context) {
    return visitor.visitCoGroup(this, context);
  }

  @Override
  public Class<?> rowClass() {
    return Pair.class;
  }

  @Override
  public String describe() {
    return "CoGroup[" + inputs.size() + " inputs, " + partitions + " partitions]";
  }
}
