package dev.sluice.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.device.Placed;
import dev.sluice.engine.device.Placement;
import dev.sluice.engine.expr.AggregateCall;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.types.Schema;
import java.util.List;

/**
 * Hash aggregation over columns. {@code PARTIAL} and {@code COMPLETE}: {@code groupings} and the
 * aggregates' inputs are resolved over the child's columns. {@code FINAL}: the child produces the
 * partial layout ({@link AggregateStates#partialSchema}), {@code groupings} are
 * {@code BoundRef}s to its first columns, and {@code aggregates} are the same calls as in the
 * partial step (their inputs are only read for their types). Output: the grouping columns, then
 * one column per aggregate ({@code PARTIAL}: its state columns). No grouping means one group, and
 * one output row even for empty input ({@code count} 0, other aggregates null). Distinct
 * aggregates are planned as a grouping on the distinct input first; this operator rejects them.
 *
 * @param id the id of the logical node it was planned from
 * @param child the input
 * @param mode which phase
 * @param groupings grouping expressions
 * @param aggregates the aggregate calls, without distinct
 * @param schema the output columns
 * @param placement where it runs (the planner's GPU placement rule decides; only {@code PARTIAL}
 *     aggregations go to the GPU, one partial result per input batch)
 */
public record ColumnarAggregateExec(PlanNodeId id, PhysicalPlan child, AggregateMode mode,
    List<Expression> groupings, List<AggregateCall> aggregates, Schema schema, Placement placement)
    implements PhysicalPlan, ColumnarExec, Placed {
  public ColumnarAggregateExec {
    requireNonNull(id, "id is null");
    requireNonNull(child, "child is null");
    requireNonNull(mode, "mode is null");
    groupings = List.copyOf(requireNonNull(groupings, "groupings is null"));
    aggregates = List.copyOf(requireNonNull(aggregates, "aggregates is null"));
    requireNonNull(schema, "schema is null");
    requireNonNull(placement, "placement is null");
  }

  /** A node the placement rule has not seen yet (on the CPU). */
  public ColumnarAggregateExec(PlanNodeId id, PhysicalPlan child, AggregateMode mode, List<Expression> groupings,
      List<AggregateCall> aggregates, Schema schema) {
    this(id, child, mode, groupings, aggregates, schema, Placement.NOT_PLACED);
  }

  /** This node placed as the planner decided. */
  public ColumnarAggregateExec withPlacement(Placement where) {
    return new ColumnarAggregateExec(id, child, mode, groupings, aggregates, schema, where);
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(child);
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    return new ColumnarAggregateExec(id, PhysicalPlan.onlyChild(children, this), mode, groupings, aggregates,
        schema, placement);
  }

  @Override
  public int partitionCount() {
    return child.partitionCount();
  }

  @Override
  public Class<?> rowClass() {
    return Object.class;
  }

  @Override
  public String describe() {
    return "Aggregate(" + mode.name().toLowerCase(java.util.Locale.ROOT) + ") keys ["
        + String.join(", ", groupings.stream().map(Expression::sql).toList()) + "] ["
        + String.join(", ", aggregates.stream().map(Expression::sql).toList()) + "]";
  }

  @Override
  public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context) {
    return visitor.visitColumnarAggregate(this, context);
  }
}
