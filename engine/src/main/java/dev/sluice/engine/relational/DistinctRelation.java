package dev.sluice.engine.relational;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.types.Schema;
import java.util.List;

/** Distinct rows ({@code distinct()}); planned as an aggregate grouping by every column. */
public record DistinctRelation(Relation child) implements Relation {
  public DistinctRelation {
    requireNonNull(child, "child is null");
  }

  @Override
  public List<Relation> children() {
    return List.of(child);
  }

  @Override
  public Relation withChildren(List<Relation> children) {
    return new DistinctRelation(Relations.only(children, this));
  }

  @Override
  public Schema schema() {
    return child.schema();
  }

  @Override
  public String describe() {
    return "Distinct";
  }

  @Override
  public boolean resolved() {
    return child.resolved();
  }
}
