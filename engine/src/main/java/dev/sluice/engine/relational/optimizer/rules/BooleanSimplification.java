package dev.sluice.engine.relational.optimizer.rules;

import dev.sluice.engine.expr.And;
import dev.sluice.engine.expr.Comparison;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.IsNull;
import dev.sluice.engine.expr.Literal;
import dev.sluice.engine.expr.Not;
import dev.sluice.engine.expr.Or;
import dev.sluice.engine.relational.FilterRelation;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.relational.optimizer.ExpressionRewrites;
import dev.sluice.engine.relational.optimizer.Predicates;
import dev.sluice.engine.relational.optimizer.RelationRewrites;

/**
 * Simplifies boolean logic with SQL's three-valued semantics: {@code x AND true → x},
 * {@code x AND false → false}, {@code x OR true → true}, {@code x OR false → x}, {@code x AND x → x},
 * {@code NOT NOT x → x}, {@code NOT (a < b) → a >= b}, {@code NOT (x IS NULL) → x IS NOT NULL},
 * {@code NOT true → false}; a filter whose condition is {@code true} goes away.
 *
 * <pre>
 * Filter (a &gt; 1 AND true)    =&gt;    Filter (a &gt; 1)        Filter true    =&gt;    Scan
 *   Scan                             Scan                    Scan
 * </pre>
 */
public final class BooleanSimplification implements Rule {
  @Override
  public Relation apply(Relation relation) {
    return RelationRewrites.transformUp(relation, node -> {
      Relation simplified = RelationRewrites.mapExpressions(node,
          expression -> ExpressionRewrites.transformUp(expression, BooleanSimplification::simplify));
      if (simplified instanceof FilterRelation filter && Predicates.isTrue(filter.condition())) {
        return filter.child();
      }
      return simplified;
    });
  }

  /** One node simplified, its children already simplified. */
  static Expression simplify(Expression node) {
    if (node instanceof And and) {
      if (Predicates.isTrue(and.left())) {
        return and.right();
      }
      if (Predicates.isTrue(and.right())) {
        return and.left();
      }
      if (Predicates.FALSE.equals(and.left()) || Predicates.FALSE.equals(and.right())) {
        return Predicates.FALSE;
      }
      return and.left().equals(and.right()) ? and.left() : and;
    }
    if (node instanceof Or or) {
      if (Predicates.isTrue(or.left()) || Predicates.isTrue(or.right())) {
        return Predicates.TRUE;
      }
      if (Predicates.FALSE.equals(or.left())) {
        return or.right();
      }
      if (Predicates.FALSE.equals(or.right())) {
        return or.left();
      }
      return or.left().equals(or.right()) ? or.left() : or;
    }
    if (node instanceof Not not) {
      Expression child = not.child();
      if (child instanceof Not inner) {
        return inner.child();
      }
      if (child instanceof Literal literal && literal.value() instanceof Boolean value) {
        return value ? Predicates.FALSE : Predicates.TRUE;
      }
      if (child instanceof IsNull isNull) {
        return new IsNull(isNull.child(), !isNull.negated());
      }
      if (child instanceof Comparison comparison) {
        return new Comparison(negate(comparison.op()), comparison.left(), comparison.right());
      }
    }
    return node;
  }

  private static Comparison.Op negate(Comparison.Op op) {
    return switch (op) {
      case EQUAL -> Comparison.Op.NOT_EQUAL;
      case NOT_EQUAL -> Comparison.Op.EQUAL;
      case LESS -> Comparison.Op.GREATER_OR_EQUAL;
      case LESS_OR_EQUAL -> Comparison.Op.GREATER;
      case GREATER -> Comparison.Op.LESS_OR_EQUAL;
      case GREATER_OR_EQUAL -> Comparison.Op.LESS;
    };
  }
}
