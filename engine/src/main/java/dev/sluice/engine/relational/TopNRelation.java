package dev.sluice.engine.relational;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.types.Schema;
import java.util.List;

/**
 * The first {@code limit} rows in {@code keys} order, made by the optimizer from a limit over a
 * sort: each partition keeps only its own top {@code limit} rows (a bounded heap, no full sort, no
 * range shuffle), then one task merges them.
 */
public record TopNRelation(Relation child, List<SortKey> keys, long limit) implements Relation {
  public TopNRelation {
    requireNonNull(child, "child is null");
    keys = List.copyOf(requireNonNull(keys, "keys is null"));
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
    return new TopNRelation(Relations.only(children, this), keys, limit);
  }

  @Override
  public Schema schema() {
    return child.schema();
  }

  @Override
  public String describe() {
    return "TopN " + limit + " [" + String.join(", ", keys.stream().map(SortKey::sql).toList()) + "]";
  }

  @Override
  public boolean resolved() {
    return Relations.resolved(children(), keys.stream().map(SortKey::expression).toList());
  }
}
