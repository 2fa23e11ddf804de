package dev.sluice.engine.relational.optimizer.rules;

import dev.sluice.engine.relational.LimitRelation;
import dev.sluice.engine.relational.ProjectRelation;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.relational.SortRelation;
import dev.sluice.engine.relational.TopNRelation;
import dev.sluice.engine.relational.optimizer.RelationRewrites;

/**
 * A limit over a sort (possibly with a projection between them) becomes a {@link TopNRelation}:
 * each partition keeps its own first rows in a bounded heap and one task merges them, instead of a
 * range shuffle and a full sort.
 *
 * <pre>
 * Limit 10              =&gt;    TopN 10 [revenue DESC]        Limit 10           =&gt;    Project [a]
 *   Sort [revenue DESC]          Aggregate ...                 Project [a]                TopN 10 [b ASC]
 *     Aggregate ...                                              Sort [b ASC]               Scan
 *                                                                  Scan
 * </pre>
 */
public final class TopN implements Rule {
  @Override
  public Relation apply(Relation relation) {
    return RelationRewrites.transformUp(relation, node -> {
      if (!(node instanceof LimitRelation limit)) {
        return node;
      }
      if (limit.child() instanceof SortRelation sort) {
        return new TopNRelation(sort.child(), sort.keys(), limit.limit());
      }
      if (limit.child() instanceof ProjectRelation project && project.child() instanceof SortRelation sort) {
        return new ProjectRelation(new TopNRelation(sort.child(), sort.keys(), limit.limit()), project.projections());
      }
      return node;
    });
  }
}
