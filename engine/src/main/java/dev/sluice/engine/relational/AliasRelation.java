package dev.sluice.engine.relational;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.types.Schema;
import java.util.List;

/**
 * Names a relation ({@code df.alias("o")}) so that expressions can qualify its columns
 * ({@code col("o.o_orderkey")}); the analyzer removes it once references are bound.
 */
public record AliasRelation(Relation child, String alias) implements Relation {
  public AliasRelation {
    requireNonNull(child, "child is null");
    requireNonNull(alias, "alias is null");
  }

  @Override
  public List<Relation> children() {
    return List.of(child);
  }

  @Override
  public Relation withChildren(List<Relation> children) {
    return new AliasRelation(Relations.only(children, this), alias);
  }

  @Override
  public Schema schema() {
    return child.schema();
  }

  @Override
  public String describe() {
    return "Alias " + alias;
  }

  @Override
  public boolean resolved() {
    return child.resolved();
  }
}
