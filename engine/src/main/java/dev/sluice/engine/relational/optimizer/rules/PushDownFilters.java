package dev.sluice.engine.relational.optimizer.rules;

import static dev.sluice.engine.relational.optimizer.ExpressionRewrites.references;

import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.relational.AggregateRelation;
import dev.sluice.engine.relational.AliasRelation;
import dev.sluice.engine.relational.FilterRelation;
import dev.sluice.engine.relational.JoinRelation;
import dev.sluice.engine.relational.JoinType;
import dev.sluice.engine.relational.ProjectRelation;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.relational.ScanRelation;
import dev.sluice.engine.relational.SortRelation;
import dev.sluice.engine.relational.UnionRelation;
import dev.sluice.engine.relational.optimizer.ExpressionRewrites;
import dev.sluice.engine.relational.optimizer.Predicates;
import dev.sluice.engine.relational.optimizer.RelationRewrites;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Moves filter conditions as close to the data as they can go, conjunct by conjunct:
 *
 * <ul>
 *   <li>through a projection (the projected expressions are substituted for its columns), a sort,
 *       an alias, and into every input of a union;
 *   <li>through an aggregate, the conjuncts that read only grouping columns (never below a global
 *       aggregate, which yields a row even for no input);
 *   <li>into a join's sides where the join type keeps the meaning: inner joins take conjuncts of
 *       either side (and conjuncts reading both become part of the join condition); left outer,
 *       semi and anti joins only left-side ones; right outer joins only right-side ones; full
 *       outer joins none. A join condition's own one-sided conjuncts go down too where that is
 *       equivalent (inner: both sides; left outer and anti: right; right outer: left; semi: both);
 *   <li>into a scan's filter, evaluated as each batch is read.
 * </ul>
 *
 * A filter never moves below a limit or a top-N, which would change which rows survive.
 *
 * <pre>
 * Filter (o_orderdate &lt; d AND c_mktsegment = 'BUILDING')       Join inner (c_custkey = o_custkey)
 *   Join inner (c_custkey = o_custkey)                 =&gt;        Scan customer filter c_mktsegment = 'BUILDING'
 *     Scan customer                                              Scan orders filter o_orderdate &lt; d
 *     Scan orders
 * </pre>
 */
public final class PushDownFilters implements Rule {
  @Override
  public Relation apply(Relation relation) {
    return RelationRewrites.transformDown(relation, node -> {
      if (node instanceof FilterRelation filter) {
        Relation pushed = push(filter.child(), filter.condition());
        return pushed.equals(filter) ? filter : pushed;
      }
      if (node instanceof JoinRelation join) {
        return pushJoinCondition(join);
      }
      return node;
    });
  }

  /** {@code Filter(child, condition)} with as much of the condition as possible moved below. */
  private static Relation push(Relation child, Expression condition) {
    if (child instanceof ProjectRelation project) {
      return new ProjectRelation(push(project.child(),
          ExpressionRewrites.substitute(condition, project.projections())), project.projections());
    }
    if (child instanceof SortRelation sort) {
      return new SortRelation(push(sort.child(), condition), sort.keys());
    }
    if (child instanceof AliasRelation alias) {
      return new AliasRelation(push(alias.child(), condition), alias.alias());
    }
    if (child instanceof UnionRelation union) {
      List<Relation> inputs = new ArrayList<>();
      for (Relation input : union.inputs()) {
        inputs.add(push(input, ExpressionRewrites.rebind(condition, i -> i, input.schema())));
      }
      return new UnionRelation(inputs);
    }
    if (child instanceof ScanRelation scan) {
      return new ScanRelation(scan.source(), scan.columns(), Predicates.and(scan.filter(), condition));
    }
    if (child instanceof AggregateRelation aggregate) {
      return pushThroughAggregate(aggregate, condition);
    }
    if (child instanceof JoinRelation join) {
      return pushIntoJoin(join, condition);
    }
    return new FilterRelation(child, condition);
  }

  private static Relation pushThroughAggregate(AggregateRelation aggregate, Expression condition) {
    if (aggregate.groupings().isEmpty()) {
      return new FilterRelation(aggregate, condition);
    }
    List<Expression> below = new ArrayList<>();
    List<Expression> above = new ArrayList<>();
    for (Expression conjunct : Predicates.conjuncts(condition)) {
      boolean groupingOnly = true;
      BitSet columns = references(conjunct);
      for (int i = columns.nextSetBit(0); i >= 0; i = columns.nextSetBit(i + 1)) {
        groupingOnly &= !aggregate.outputs().get(i).containsAggregate();
      }
      if (groupingOnly && !columns.isEmpty()) {
        below.add(ExpressionRewrites.substitute(conjunct, aggregate.outputs()));
      } else {
        above.add(conjunct);
      }
    }
    Relation result = aggregate;
    if (!below.isEmpty()) {
      result = new AggregateRelation(push(aggregate.child(), Predicates.and(below)), aggregate.groupings(),
          aggregate.outputs());
    }
    return above.isEmpty() ? result : new FilterRelation(result, Predicates.and(above));
  }

  /** Where a one-sided conjunct of a filter above the join may go. */
  private static boolean filterGoesLeft(JoinType type) {
    return type == JoinType.INNER || type == JoinType.LEFT_OUTER || type.leftOnly();
  }

  private static boolean filterGoesRight(JoinType type) {
    return type == JoinType.INNER || type == JoinType.RIGHT_OUTER;
  }

  /** Where a one-sided conjunct of the join condition itself may go. */
  private static boolean conditionGoesLeft(JoinType type) {
    return type == JoinType.INNER || type == JoinType.RIGHT_OUTER || type == JoinType.LEFT_SEMI;
  }

  private static boolean conditionGoesRight(JoinType type) {
    return type == JoinType.INNER || type == JoinType.LEFT_OUTER || type.leftOnly();
  }

  private static Relation pushIntoJoin(JoinRelation join, Expression condition) {
    int leftWidth = join.left().schema().fields().size();
    List<Expression> left = new ArrayList<>();
    List<Expression> right = new ArrayList<>();
    List<Expression> joined = new ArrayList<>(Predicates.conjuncts(join.condition()));
    List<Expression> above = new ArrayList<>();
    for (Expression conjunct : Predicates.conjuncts(condition)) {
      BitSet columns = references(conjunct);
      if (columns.isEmpty()) {
        above.add(conjunct);
      } else if (columns.nextSetBit(leftWidth) < 0 && filterGoesLeft(join.type())) {
        left.add(conjunct);
      } else if (columns.nextSetBit(0) >= leftWidth && filterGoesRight(join.type())) {
        right.add(conjunct);
      } else if (join.type() == JoinType.INNER) {
        joined.add(conjunct);
      } else {
        above.add(conjunct);
      }
    }
    if (left.isEmpty() && right.isEmpty() && joined.size() == Predicates.conjuncts(join.condition()).size()) {
      return new FilterRelation(join, condition);
    }
    Relation result = withSides(join, left, right, Predicates.and(joined));
    return above.isEmpty() ? result : new FilterRelation(result, Predicates.and(above));
  }

  private static Relation pushJoinCondition(JoinRelation join) {
    int leftWidth = join.left().schema().fields().size();
    List<Expression> left = new ArrayList<>();
    List<Expression> right = new ArrayList<>();
    List<Expression> kept = new ArrayList<>();
    for (Expression conjunct : Predicates.conjuncts(join.condition())) {
      BitSet columns = references(conjunct);
      if (!columns.isEmpty() && columns.nextSetBit(leftWidth) < 0 && conditionGoesLeft(join.type())) {
        left.add(conjunct);
      } else if (!columns.isEmpty() && columns.nextSetBit(0) >= leftWidth && conditionGoesRight(join.type())) {
        right.add(conjunct);
      } else {
        kept.add(conjunct);
      }
    }
    if (left.isEmpty() && right.isEmpty()) {
      return join;
    }
    return withSides(join, left, right, kept.isEmpty() ? Predicates.TRUE : Predicates.and(kept));
  }

  /** The join with filters added on its sides (right-side conjuncts re-pointed to the right's columns). */
  private static Relation withSides(JoinRelation join, List<Expression> left, List<Expression> right,
      Expression condition) {
    int leftWidth = join.left().schema().fields().size();
    Relation newLeft = left.isEmpty() ? join.left() : push(join.left(), Predicates.and(left));
    Relation newRight = join.right();
    if (!right.isEmpty()) {
      Expression shifted = ExpressionRewrites.rebind(Predicates.and(right), i -> i - leftWidth, join.right().schema());
      newRight = push(join.right(), shifted);
    }
    return new JoinRelation(newLeft, newRight, join.type(), condition);
  }
}
