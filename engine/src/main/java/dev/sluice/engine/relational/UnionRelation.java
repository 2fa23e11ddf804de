package dev.sluice.engine.relational;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.types.Schema;
import java.util.List;

/**
 * All rows of all inputs ({@code union}, which keeps duplicates, as Spark's {@code union} /
 * SQL's {@code UNION ALL}). Columns match by position; the analyzer checks that the inputs have the
 * same number of columns and compatible types, and the output takes the first input's names.
 */
public record UnionRelation(List<Relation> inputs) implements Relation {
  public UnionRelation {
    inputs = List.copyOf(requireNonNull(inputs, "inputs is null"));
    if (inputs.size() < 2) {
      throw new IllegalArgumentException("union needs at least two inputs");
    }
  }

  @Override
  public List<Relation> children() {
    return inputs;
  }

  @Override
  public Relation withChildren(List<Relation> children) {
    return new UnionRelation(children);
  }

  @Override
  public Schema schema() {
    return inputs.get(0).schema();
  }

  @Override
  public String describe() {
    return "Union " + inputs.size() + " inputs";
  }

  @Override
  public boolean resolved() {
    return inputs.stream().allMatch(Relation::resolved);
  }
}
