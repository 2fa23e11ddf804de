package dev.sluice.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.keyed.Pair;
import dev.sluice.engine.plan.PlanNodeId;
import java.util.List;

/**
 * Groups the {@link Pair} rows of several equally partitioned inputs by key, spilling beyond the
 * task's memory budget: one output row {@code Pair(key, List(values of input 0, values of input 1,
 * ...))} per key present in any input.
 *
 * @param id the id of the logical node it was planned from
 * @param inputs the inputs, all with the same partitioning by key
 */
public record CoGroupExec(PlanNodeId id, List<PhysicalPlan> inputs) implements PhysicalPlan {
  public CoGroupExec {
    requireNonNull(id, "id is null");
    inputs = List.copyOf(requireNonNull(inputs, "inputs is null"));
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("inputs must not be empty");
    }
  }

  @Override
  public List<PhysicalPlan> children() {
    return inputs;
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    return new CoGroupExec(id, children);
  }

  @Override
  public int partitionCount() {
    return inputs.get(0).partitionCount();
  }

  @Override
  public Class<?> rowClass() {
    return Pair.class;
  }

  @Override
  public String describe() {
    return "CoGroup[" + inputs.size() + " inputs]";
  }

  @Override
  public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context) {
    return visitor.visitCoGroup(this, context);
  }
}
