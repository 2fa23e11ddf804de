package dev.sluice.engine.relational;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.types.Schema;
import java.util.List;

/** Computes one output column per expression ({@code select}, {@code withColumn}, {@code drop}). */
public record ProjectRelation(Relation child, List<Expression> projections) implements Relation {
  public ProjectRelation {
    requireNonNull(child, "child is null");
    projections = List.copyOf(requireNonNull(projections, "projections is null"));
  }

  @Override
  public List<Relation> children() {
    return List.of(child);
  }

  @Override
  public Relation withChildren(List<Relation> children) {
    return new ProjectRelation(Relations.only(children, this), projections);
  }

  @Override
  public Schema schema() {
    return Relations.schemaOf(projections);
  }

  @Override
  public String describe() {
    return "Project [" + Relations.joined(projections) + "]";
  }

  @Override
  public boolean resolved() {
    return Relations.resolved(children(), projections);
  }
}
