package dev.sluice.engine.plan;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.relational.planner.PlannerSettings;
import java.util.List;

/**
 * A DataFrame seen as typed rows ({@code df.as(MyRecord.class)}): the leaf where a typed plan
 * starts from a columnar one. It is planned with the relational optimizer and planner, and its
 * batches are labelled as rows of {@code rowClass} (see {@code RowEncoder}), so the typed
 * operators above decode them as they decode any encoded rows.
 *
 * @param id the node id
 * @param origin where the user created it
 * @param relation an analyzed relation whose output columns are exactly the columns
 *     {@code rowClass}'s encoder reads, by name, with the types it decodes
 * @param settings what the relational planner needs from the session's configuration
 * @param rowClass the class of the rows
 */
public record RelationNode(
    PlanNodeId id,
    Origin origin,
    Relation relation,
    PlannerSettings settings,
    Class<?> rowClass)
    implements LogicalPlan {
  public RelationNode {
    requireNonNull(id, "id is null");
    requireNonNull(origin, "origin is null");
    requireNonNull(relation, "relation is null");
    requireNonNull(settings, "settings is null");
    requireNonNull(rowClass, "rowClass is null");
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of();
  }

  @Override
  public LogicalPlan withChildren(List<LogicalPlan> children) {
    if (!children.isEmpty()) {
      throw new IllegalArgumentException("RelationNode has no children, got " + children.size());
    }
    return this;
  }

  @Override
  public <R, C> R accept(PlanVisitor<R, C> visitor, C context) {
    return visitor.visitRelation(this, context);
  }

  @Override
  public String describe() {
    return "Relation(" + relation.describe() + " as " + FunctionNames.ofClass(rowClass) + ")";
  }
}
