package dev.sluice.engine.expr;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.types.DataType;
import java.util.List;

/**
 * {@code left op right}, a boolean. After analysis both operands have the same type, except
 * decimals, which may differ in precision and scale (compared by value). Strings compare by their
 * UTF-8 bytes, unsigned (Spark's binary order); float64 compares as {@link Double#compare}.
 */
public record Comparison(Op op, Expression left, Expression right) implements Expression {
  public enum Op {
    EQUAL("="),
    NOT_EQUAL("!="),
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">=");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    /** Whether a comparison result ({@code <0}, {@code 0}, {@code >0}) satisfies this operator. */
    public boolean test(int comparison) {
      return switch (this) {
        case EQUAL -> comparison == 0;
        case NOT_EQUAL -> comparison != 0;
        case LESS -> comparison < 0;
        case LESS_OR_EQUAL -> comparison <= 0;
        case GREATER -> comparison > 0;
        case GREATER_OR_EQUAL -> comparison >= 0;
      };
    }

    /** The operator with its operands swapped: {@code a < b} is {@code b > a}. */
    public Op flipped() {
      return switch (this) {
        case EQUAL, NOT_EQUAL -> this;
        case LESS -> GREATER;
        case LESS_OR_EQUAL -> GREATER_OR_EQUAL;
        case GREATER -> LESS;
        case GREATER_OR_EQUAL -> LESS_OR_EQUAL;
      };
    }
  }

  public Comparison {
    requireNonNull(op, "op is null");
    requireNonNull(left, "left is null");
    requireNonNull(right, "right is null");
  }

  @Override
  public List<Expression> children() {
    return List.of(left, right);
  }

  @Override
  public Expression withChildren(List<Expression> children) {
    return new Comparison(op, children.get(0), children.get(1));
  }

  @Override
  public DataType dataType() {
    return DataType.BOOLEAN;
  }

  @Override
  public String sql() {
    return "(" + left.sql() + " " + op.symbol() + " " + right.sql() + ")";
  }
}
