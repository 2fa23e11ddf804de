package dev.sluice.engine.relational.optimizer;

import dev.sluice.engine.expr.And;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.Literal;
import dev.sluice.engine.types.DataType;
import java.util.ArrayList;
import java.util.List;

/** Conjunctions of resolved boolean expressions: split into conjuncts and put back together. */
public final class Predicates {
  /** The literal {@code true}. */
  public static final Literal TRUE = new Literal(true, DataType.BOOLEAN);
  /** The literal {@code false}. */
  public static final Literal FALSE = new Literal(false, DataType.BOOLEAN);

  private Predicates() {}

  /** The conjuncts of {@code a AND (b AND c)}: {@code [a, b, c]}, in order. */
  public static List<Expression> conjuncts(Expression predicate) {
    List<Expression> out = new ArrayList<>();
    collect(predicate, out);
    return out;
  }

  private static void collect(Expression predicate, List<Expression> out) {
    if (predicate instanceof And and) {
      collect(and.left(), out);
      collect(and.right(), out);
    } else {
      out.add(predicate);
    }
  }

  /** The conjunction of predicates, left-deep, or null when there are none. */
  public static Expression and(List<Expression> predicates) {
    Expression result = null;
    for (Expression predicate : predicates) {
      result = result == null ? predicate : new And(result, predicate);
    }
    return result;
  }

  /** {@code a AND b} where either may be null (meaning no predicate). */
  public static Expression and(Expression a, Expression b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : new And(a, b);
  }

  /** Whether the expression is the literal {@code true}. */
  public static boolean isTrue(Expression expression) {
    return TRUE.equals(expression);
  }
}
