package dev.sluice.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.plan.PlanNodeId;
import java.util.List;

/**
 * The partitions of its inputs, one input after another. In a task's resolved plan it stands for
 * the concatenation of its inputs' rows, in order.
 *
 * @param id the id of the logical node it was planned from
 * @param inputs the inputs, at least one
 */
public record UnionExec(PlanNodeId id, List<PhysicalPlan> inputs) implements PhysicalPlan {
  public UnionExec {
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
    return new UnionExec(id, children);
  }

  @Override
  public int partitionCount() {
    int count = 0;
    for (PhysicalPlan input : inputs) {
      count += input.partitionCount();
    }
    return count;
  }

  @Override
  public Class<?> rowClass() {
    Class<?> first = inputs.get(0).rowClass();
    for (PhysicalPlan input : inputs) {
      if (input.rowClass() != first) {
        return Object.class;
      }
    }
    return first;
  }

  @Override
  public String describe() {
    return "Union[" + inputs.size() + " inputs, " + partitionCount() + " partitions]";
  }

  @Override
  public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context) {
    return visitor.visitUnion(this, context);
  }
}
