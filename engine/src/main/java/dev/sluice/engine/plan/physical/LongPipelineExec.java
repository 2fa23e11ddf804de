package dev.sluice.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.plan.PlanNodeId;
import java.util.List;

/**
 * Runs a chain of primitive-long maps and filters fused, over the int64 column in place.
 *
 * @param id the id of the logical node it was planned from
 * @param child the input, an int64 column
 * @param steps the functions, in order, at least one
 */
public record LongPipelineExec(
    PlanNodeId id,
    PhysicalPlan child,
    List<LongStep> steps)
    implements PhysicalPlan {
  public LongPipelineExec {
    requireNonNull(id, "id is null");
    requireNonNull(child, "child is null");
    steps = List.copyOf(requireNonNull(steps, "steps is null"));
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("steps must not be empty");
    }
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(child);
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    return new LongPipelineExec(id, PhysicalPlan.onlyChild(children, this), steps);
  }

  @Override
  public int partitionCount() {
    return child.partitionCount();
  }

  @Override
  public Class<?> rowClass() {
    return Long.class;
  }

  @Override
  public String describe() {
    return "LongPipeline[" + steps.stream().map(LongStep::describe).collect(java.util.stream.Collectors.joining(", ")) + "]";
  }

  @Override
  public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context) {
    return visitor.visitLongPipeline(this, context);
  }
}
