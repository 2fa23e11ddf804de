package dev.sluice.engine.relational.optimizer.rules;

import dev.sluice.engine.relational.AliasRelation;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.relational.optimizer.RelationRewrites;

/**
 * Drops {@link AliasRelation}s: they only name columns for the analyzer, which has bound every
 * reference by position.
 *
 * <pre>
 * Join                      Join
 *   Alias o        =&gt;        Scan orders
 *     Scan orders             Scan customer
 *   Alias c
 *     Scan customer
 * </pre>
 */
public final class RemoveAliasRelation implements Rule {
  @Override
  public Relation apply(Relation relation) {
    return RelationRewrites.transformUp(relation, node -> node instanceof AliasRelation alias ? alias.child() : node);
  }
}
