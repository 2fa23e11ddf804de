package dev.sluice.engine.relational.planner;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.expr.Comparison;
import dev.sluice.engine.expr.Expression;
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
 * differently); the other conjuncts form the residual.
 *
 * @param left key expressions over the left input's columns
 * @param right key expressions over the right input's columns, same count and types
 * @param residual the rest of the condition over left then right columns, or null
 */
public record JoinKeys(List<Expression> left, List<Expression> right, Expression residual) {
  public JoinKeys {
    left = List.copyOf(requireNonNull(left, "left is null"));
    right = List.copyOf(requireNonNull(right, "right is null"));
  }

  /**
   * The keys of a resolved join.
   *
   * @throws EngineException INVALID_QUERY when no conjunct equates the two sides
   */
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
      throw new EngineException(ErrorCode.INVALID_QUERY, "A " + join.type().displayName()
          + " join needs an equality condition between its two sides (e.g. col(\"a.k\").equalTo(col(\"b.k\"))); got "
          + join.condition().sql() + ". Sluice does not run cross or non-equi joins");
    }
    return new JoinKeys(left, right, Predicates.and(residual));
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
