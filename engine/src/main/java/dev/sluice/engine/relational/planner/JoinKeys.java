package dev.sluice.engine.relational.planner;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.expr.Comparison;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.Literal;
import dev.sluice.engine.relational.JoinRelation;
import dev.sluice.engine.relational.analysis.TypeCoercion;
import dev.sluice.engine.relational.optimizer.ExpressionRewrites;
import dev.sluice.engine.relational.optimizer.Predicates;
import dev.sluice.engine.types.DataType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The equi-join keys of a join condition: each conjunct {@code l = r} where {@code l} reads only
 * left columns and {@code r} only right ones (or the other way round) gives a key pair, cast to a
 * common type when the sides differ (e.g. decimals of different scales, which would hash
 * differently); the other conjuncts form the residual. A join without such a conjunct (a cross join,
 * or a condition such as {@code a.x < b.y}) gets one constant key on both sides, so that every pair
 * of rows is a candidate and the whole condition is the residual; it is planned with all rows of
 * the non-broadcast side in one partition.
 *
 * @param left key expressions over the left input's columns
 * @param right key expressions over the right input's columns, same count and types
 * @param residual the rest of the condition over left then right columns, or null
 * @param equi whether the keys come from the condition (false: the constant key of a cross join)
 */
public record JoinKeys(List<Expression> left, List<Expression> right, Expression residual, boolean equi) {
  /** The key of a join without equality conditions: the same non-null value for every row. */
  public static final Literal CONSTANT_KEY = new Literal(0, DataType.INT32);

  public JoinKeys {
    left = List.copyOf(requireNonNull(left, "left is null"));
    right = List.copyOf(requireNonNull(right, "right is null"));
  }

  /** The keys of a resolved join. */
  public static JoinKeys of(JoinRelation join) {
    int leftWidth = join.left().schema().fields().size();
    List<Expression> left = new ArrayList<>();
    List<Expression> right = new ArrayList<>();
    List<Expression> residual = new ArrayList<>();
    for (Expression conjunct : Predicates.conjuncts(join.condition())) {
      if (conjunct instanceof Comparison comparison && comparison.op() == Comparison.Op.EQUAL) {
        Side a = side(comparison.left(), leftWidth);
        Side b = side(comparison.right(), leftWidth);
        if (a == Side.LEFT && b == Side.RIGHT) {
          addPair(left, right, comparison.left(), comparison.right(), join, leftWidth);
          continue;
        }
        if (a == Side.RIGHT && b == Side.LEFT) {
          addPair(left, right, comparison.right(), comparison.left(), join, leftWidth);
          continue;
        }
      }
      if (!Predicates.isTrue(conjunct)) {
        residual.add(conjunct);
      }
    }
    if (left.isEmpty()) {
      return new JoinKeys(List.of(CONSTANT_KEY), List.of(CONSTANT_KEY), Predicates.and(residual), false);
    }
    return new JoinKeys(left, right, Predicates.and(residual), true);
  }

  private enum Side {
    LEFT,
    RIGHT,
    BOTH_OR_NONE
  }

  private static Side side(Expression expression, int leftWidth) {
    BitSet columns = ExpressionRewrites.references(expression);
    if (columns.isEmpty()) {
      return Side.BOTH_OR_NONE;
    }
    if (columns.nextSetBit(leftWidth) < 0) {
      return Side.LEFT;
    }
    return columns.nextSetBit(0) >= leftWidth ? Side.RIGHT : Side.BOTH_OR_NONE;
  }

  private static void addPair(List<Expression> left, List<Expression> right, Expression leftKey, Expression rightKey,
      JoinRelation join, int leftWidth) {
    Expression shifted = ExpressionRewrites.rebind(rightKey, i -> i - leftWidth, join.right().schema());
    DataType l = leftKey.dataType();
    DataType r = shifted.dataType();
    if (!l.equals(r)) {
      DataType common = TypeCoercion.commonType(l, r);
      if (common == null) {
        throw new EngineException(ErrorCode.TYPE_MISMATCH, "Join keys " + leftKey.sql() + " (" + l.displayName()
            + ") and " + rightKey.sql() + " (" + r.displayName() + ") have no common type");
      }
      leftKey = TypeCoercion.castTo(leftKey, common);
      shifted = TypeCoercion.castTo(shifted, common);
    }
    left.add(leftKey);
    right.add(shifted);
  }
}
