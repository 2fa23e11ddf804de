package dev.sluice.engine.relational;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.types.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code groupBy(groupings).agg(...)}: one row per distinct grouping (one row in all when there is
 * no grouping). {@code outputs} are the output columns: the grouping columns the user sees and the
 * aggregates, each an expression over grouping expressions and
 * {@link dev.sluice.engine.expr.AggregateCall}s (e.g. {@code sum(a) / count(b) AS r}).
 */
public record AggregateRelation(Relation child, List<Expression> groupings, List<Expression> outputs)
    implements Relation {
  public AggregateRelation {
    requireNonNull(child, "child is null");
    groupings = List.copyOf(requireNonNull(groupings, "groupings is null"));
    outputs = List.copyOf(requireNonNull(outputs, "outputs is null"));
  }

  @Override
  public List<Relation> children() {
    return List.of(child);
  }

  @Override
  public Relation withChildren(List<Relation> children) {
    return new AggregateRelation(Relations.only(children, this), groupings, outputs);
  }

  @Override
  public Schema schema() {
    return Relations.schemaOf(outputs);
  }

  @Override
  public String describe() {
    return "Aggregate group by [" + Relations.joined(groupings) + "] output [" + Relations.joined(outputs) + "]";
  }

  @Override
  public boolean resolved() {
    List<Expression> all = new ArrayList<>(groupings);
    all.addAll(outputs);
    return Relations.resolved(children(), all);
  }
}
