package dev.sluice.engine.relational;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.types.Schema;
import java.util.List;

/** A total order of all rows ({@code orderBy}). */
public record SortRelation(Relation child, List<SortKey> keys) implements Relation {
  public SortRelation {
    requireNonNull(child, "child is null");
    keys = List.copyOf(requireNonNull(keys, "keys is null"));
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("orderBy needs at least one key");
    }
  }

  @Override
  public List<Relation> children() {
    return List.of(child);
  }

  @Override
  public Relation withChildren(List<Relation> children) {
    return new SortRelation(Relations.only(children, this), keys);
  }

  @Override
  public Schema schema() {
    return child.schema();
  }

  @Override
  public String describe() {
    return "Sort [" + String.join(", ", keys.stream().map(SortKey::sql).toList()) + "]";
  }

  @Override
  public boolean resolved() {
    return Relations.resolved(children(), keys.stream().map(SortKey::expression).toList());
  }
}
