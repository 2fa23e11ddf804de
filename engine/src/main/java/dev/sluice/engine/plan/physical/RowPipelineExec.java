package dev.sluice.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.plan.FunctionNames;
import dev.sluice.engine.plan.PlanNodeId;
import java.util.List;

/**
 * Runs a chain of per-row user functions (map, flatMap, filter) fused: each input batch is decoded once, every row goes through all steps, and the results are encoded once.
 *
 * @param id the id of the logical node it was planned from
 * @param child the input
 * @param steps the functions, in order, at least one
 * @param rowClass the class of the results, or Object.class
 */
public record RowPipelineExec(
    PlanNodeId id,
    PhysicalPlan child,
    List<RowStep> steps,
    Class<?> rowClass)
    implements PhysicalPlan {
  public RowPipelineExec {
    requireNonNull(id, "id is null");
    requireNonNull(child, "child is null");
    steps = List.copyOf(requireNonNull(steps, "steps is null"));
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("steps must not be empty");
    }
    requireNonNull(rowClass, "rowClass is null");
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(child);
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    return new RowPipelineExec(id, PhysicalPlan.onlyChild(children, this), steps, rowClass);
  }

  @Override
  public int partitionCount() {
    return child.partitionCount();
  }

  @Override
  public String describe() {
    return "RowPipeline[" + steps.stream().map(RowStep::describe).collect(java.util.stream.Collectors.joining(", ")) + " -> " + FunctionNames.ofClass(rowClass) + "]";
  }

  @Override
  public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context) {
    return visitor.visitRowPipeline(this, context);
  }
}
