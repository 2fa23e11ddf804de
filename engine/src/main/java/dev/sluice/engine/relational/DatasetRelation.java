package dev.sluice.engine.relational;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.plan.LogicalPlan;
import dev.sluice.engine.types.Schema;
import java.util.List;

/**
 * A typed dataset seen as columns ({@code ds.toDF()}): its rows are encoded by their
 * {@code RowEncoder} (record components and bean properties become columns by name).
 *
 * @param plan the typed plan producing the rows
 * @param schema the columns the rows encode to
 */
public record DatasetRelation(LogicalPlan plan, Schema schema) implements Relation {
  public DatasetRelation {
    requireNonNull(plan, "plan is null");
    requireNonNull(schema, "schema is null");
  }

  @Override
  public List<Relation> children() {
    return List.of();
  }

  @Override
  public Relation withChildren(List<Relation> children) {
    return this;
  }

  @Override
  public String describe() {
    return "Dataset " + schema;
  }

  @Override
  public boolean resolved() {
    return true;
  }
}
