package dev.sluice.engine.relational.optimizer.rules;

import dev.sluice.engine.expr.And;
import dev.sluice.engine.relational.FilterRelation;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.relational.optimizer.RelationRewrites;

/**
 * Merges adjacent filters into one (the lower condition first), so they are evaluated in one pass
 * and pushed down together.
 *
 * <pre>
 * Filter b              =&gt;    Filter (a AND b)
 *   Filter a                    Scan
 *     Scan
 * </pre>
 */
public final class CombineFilters implements Rule {
  @Override
  public Relation apply(Relation relation) {
    return RelationRewrites.transformUp(relation, node -> {
      if (node instanceof FilterRelation upper && upper.child() instanceof FilterRelation lower) {
        return new FilterRelation(lower.child(), new And(lower.condition(), upper.condition()));
      }
      return node;
    });
  }
}
