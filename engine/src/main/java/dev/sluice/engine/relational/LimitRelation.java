package dev.sluice.engine.relational;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.types.Schema;
import java.util.List;

/** The first {@code limit} rows (in the child's order, when it has one). */
public record LimitRelation(Relation child, long limit) implements Relation {
  public LimitRelation {
    requireNonNull(child, "child is null");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be non-negative, got " + limit);
    }
  }

  @Override
  public List<Relation> children() {
    return List.of(child);
  }

  @Override
  public Relation withChildren(List<Relation> children) {
    return new LimitRelation(Relations.only(children, this), limit);
  }

  @Override
  public Schema schema() {
    return child.schema();
  }

  @Override
  public String describe() {
    return "Limit " + limit;
  }

  @Override
  public boolean resolved() {
    return child.resolved();
  }
}
