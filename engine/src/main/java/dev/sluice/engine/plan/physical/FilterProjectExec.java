package dev.sluice.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.device.Placed;
import dev.sluice.engine.device.Placement;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.types.Schema;
import java.util.List;

/**
 * Filter then project in one pass over each batch: rows where {@code condition} is true are kept
 * (all rows when it is null), then each projection computes one output column.
 *
 * @param id the id of the logical node it was planned from
 * @param child the input
 * @param condition a resolved predicate over the child's columns, or null
 * @param projections resolved expressions over the child's columns, one per output column
 * @param schema the output columns
 * @param placement where it runs (the planner's GPU placement rule decides)
 */
public record FilterProjectExec(PlanNodeId id, PhysicalPlan child, Expression condition,
    List<Expression> projections, Schema schema, Placement placement) implements PhysicalPlan, ColumnarExec, Placed {
  public FilterProjectExec {
    requireNonNull(id, "id is null");
    requireNonNull(child, "child is null");
    projections = List.copyOf(requireNonNull(projections, "projections is null"));
    requireNonNull(schema, "schema is null");
    requireNonNull(placement, "placement is null");
  }

  /** A node the placement rule has not seen yet (on the CPU). */
  public FilterProjectExec(PlanNodeId id, PhysicalPlan child, Expression condition, List<Expression> projections,
      Schema schema) {
    this(id, child, condition, projections, schema, Placement.NOT_PLACED);
  }

  /** This node placed as the planner decided. */
  public FilterProjectExec withPlacement(Placement where) {
    return new FilterProjectExec(id, child, condition, projections, schema, where);
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(child);
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    return new FilterProjectExec(id, PhysicalPlan.onlyChild(children, this), condition, projections, schema,
        placement);
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
    StringBuilder text = new StringBuilder("FilterProject");
    if (condition != null) {
      text.append(" where ").append(condition.sql());
    }
    text.append(" [");
    for (int i = 0; i < projections.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(projections.get(i).sql());
    }
    return text.append("]").toString();
  }

  @Override
  public <R, C> R accept(PhysicalPlanVisitor<R, C> visitor, C context) {
    return visitor.visitFilterProject(this, context);
  }
}
