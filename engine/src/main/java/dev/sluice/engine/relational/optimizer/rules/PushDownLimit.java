package dev.sluice.engine.relational.optimizer.rules;

import dev.sluice.engine.relational.LimitRelation;
import dev.sluice.engine.relational.ProjectRelation;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.relational.TopNRelation;
import dev.sluice.engine.relational.UnionRelation;
import dev.sluice.engine.relational.optimizer.RelationRewrites;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves limits toward the data where the first rows stay the first rows: below a projection,
 * merged with a limit or top-N directly below (the smaller count wins), and copied into every
 * input of a union (each input needs to produce no more than the limit; the limit above stays).
 * A limit does not move below a filter, an aggregate, a join or a sort (a sort under a limit
 * becomes a top-N, see {@link TopN}).
 *
 * <pre>
 * Limit 10                 =&gt;    Project [a]             Limit 10                  Limit 10
 *   Project [a]                    Limit 10                Union             =&gt;      Union
 *     Scan                           Scan                    Scan a                    Limit 10
 *                                                            Scan b                      Scan a
 *                                                                                      Limit 10
 *                                                                                        Scan b
 * </pre>
 */
public final class PushDownLimit implements Rule {
  @Override
  public Relation apply(Relation relation) {
    return RelationRewrites.transformDown(relation, node -> node instanceof LimitRelation limit ? push(limit) : node);
  }

  private static Relation push(LimitRelation limit) {
    Relation child = limit.child();
    long count = limit.limit();
    if (child instanceof ProjectRelation project) {
      return new ProjectRelation(push(new LimitRelation(project.child(), count)), project.projections());
    }
    if (child instanceof LimitRelation inner) {
      return push(new LimitRelation(inner.child(), Math.min(count, inner.limit())));
    }
    if (child instanceof TopNRelation topN) {
      return topN.limit() <= count ? topN : new TopNRelation(topN.child(), topN.keys(), count);
    }
    if (child instanceof UnionRelation union) {
      List<Relation> inputs = new ArrayList<>();
      boolean changed = false;
      for (Relation input : union.inputs()) {
        if (limitedTo(input, count)) {
          inputs.add(input);
        } else {
          inputs.add(push(new LimitRelation(input, count)));
          changed = true;
        }
      }
      return changed ? new LimitRelation(new UnionRelation(inputs), count) : limit;
    }
    return limit;
  }

  /** Whether a relation already yields at most {@code count} rows by a limit at its top. */
  private static boolean limitedTo(Relation relation, long count) {
    while (relation instanceof ProjectRelation project) {
      relation = project.child();
    }
    return relation instanceof LimitRelation limit && limit.limit() <= count
        || relation instanceof TopNRelation topN && topN.limit() <= count;
  }
}
