package dev.sluice.engine.relational;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.types.Schema;
import java.util.List;

/** Keeps the rows for which {@code condition} is true (not false, not null). */
public record FilterRelation(Relation child, Expression condition) implements Relation {
  public FilterRelation {
    requireNonNull(child, "child is null");
    requireNonNull(condition, "condition is null");
  }

  @Override
  public List<Relation> children() {
    return List.of(child);
  }

  @Override
  public Relation withChildren(List<Relation> children) {
    return new FilterRelation(Relations.only(children, this), condition);
  }

  @Override
  public Schema schema() {
    return child.schema();
  }

  @Override
  public String describe() {
    return "Filter " + condition.sql();
  }

  @Override
  public boolean resolved() {
    return Relations.resolved(children(), List.of(condition));
  }
}
