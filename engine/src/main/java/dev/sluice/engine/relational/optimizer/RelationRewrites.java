package dev.sluice.engine.relational.optimizer;

import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.relational.AggregateRelation;
import dev.sluice.engine.relational.FilterRelation;
import dev.sluice.engine.relational.JoinRelation;
import dev.sluice.engine.relational.ProjectRelation;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.relational.ScanRelation;
import dev.sluice.engine.relational.SortRelation;
import dev.sluice.engine.relational.TopNRelation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Tree walks for rules: rebuild a relation tree bottom-up, or rewrite one node's expressions. */
public final class RelationRewrites {
  private RelationRewrites() {}

  /** The tree rebuilt bottom-up with {@code rule} applied to every node (children first). */
  public static Relation transformUp(Relation relation, UnaryOperator<Relation> rule) {
    return rule.apply(withChildren(relation, child -> transformUp(child, rule)));
  }

  /** The tree rebuilt top-down: {@code rule} applied to a node, then to the children of its result. */
  public static Relation transformDown(Relation relation, UnaryOperator<Relation> rule) {
    return withChildren(rule.apply(relation), child -> transformDown(child, rule));
  }

  /** The node with {@code rewrite} applied to each child; the same node when no child changes. */
  public static Relation withChildren(Relation relation, UnaryOperator<Relation> rewrite) {
    List<Relation> children = relation.children();
    if (children.isEmpty()) {
      return relation;
    }
    List<Relation> rewritten = new ArrayList<>(children.size());
    boolean changed = false;
    for (Relation child : children) {
      Relation next = rewrite.apply(child);
      changed |= next != child;
      rewritten.add(next);
    }
    return changed ? relation.withChildren(rewritten) : relation;
  }

  /**
   * The node with {@code rewrite} applied to each of its own expressions (not its children's).
   * For projections and aggregate outputs the rewrite must keep output names (see
   * {@link ExpressionRewrites#keepName}); this method applies it for them.
   */
  public static Relation mapExpressions(Relation relation, UnaryOperator<Expression> rewrite) {
    if (relation instanceof ProjectRelation project) {
      List<Expression> projections = mapOutputs(project.projections(), rewrite);
      return projections.equals(project.projections()) ? project : new ProjectRelation(project.child(), projections);
    }
    if (relation instanceof FilterRelation filter) {
      Expression condition = rewrite.apply(filter.condition());
      return condition.equals(filter.condition()) ? filter : new FilterRelation(filter.child(), condition);
    }
    if (relation instanceof AggregateRelation aggregate) {
      List<Expression> groupings = mapAll(aggregate.groupings(), rewrite);
      List<Expression> outputs = mapOutputs(aggregate.outputs(), rewrite);
      return groupings.equals(aggregate.groupings()) && outputs.equals(aggregate.outputs()) ? aggregate
          : new AggregateRelation(aggregate.child(), groupings, outputs);
    }
    if (relation instanceof JoinRelation join) {
      Expression condition = rewrite.apply(join.condition());
      return condition.equals(join.condition()) ? join
          : new JoinRelation(join.left(), join.right(), join.type(), condition);
    }
    if (relation instanceof SortRelation sort) {
      List<SortKey> keys = mapKeys(sort.keys(), rewrite);
      return keys.equals(sort.keys()) ? sort : new SortRelation(sort.child(), keys);
    }
    if (relation instanceof TopNRelation topN) {
      List<SortKey> keys = mapKeys(topN.keys(), rewrite);
      return keys.equals(topN.keys()) ? topN : new TopNRelation(topN.child(), keys, topN.limit());
    }
    if (relation instanceof ScanRelation scan && scan.filter() != null) {
      Expression filter = rewrite.apply(scan.filter());
      return filter.equals(scan.filter()) ? scan : new ScanRelation(scan.source(), scan.columns(), filter);
    }
    return relation;
  }

  private static List<Expression> mapAll(List<Expression> expressions, UnaryOperator<Expression> rewrite) {
    List<Expression> out = new ArrayList<>(expressions.size());
    for (Expression expression : expressions) {
      out.add(rewrite.apply(expression));
    }
    return out;
  }

  private static List<Expression> mapOutputs(List<Expression> outputs, UnaryOperator<Expression> rewrite) {
    List<Expression> out = new ArrayList<>(outputs.size());
    for (Expression output : outputs) {
      out.add(ExpressionRewrites.keepName(output, rewrite.apply(output)));
    }
    return out;
  }

  private static List<SortKey> mapKeys(List<SortKey> keys, UnaryOperator<Expression> rewrite) {
    List<SortKey> out = new ArrayList<>(keys.size());
    for (SortKey key : keys) {
      out.add(key.withExpression(rewrite.apply(key.expression())));
    }
    return out;
  }
}
