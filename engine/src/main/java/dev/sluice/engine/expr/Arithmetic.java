package dev.sluice.engine.expr;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.types.DataType;
import java.util.List;

/**
 * {@code left op right} on numbers. After analysis both operands have the same type family: both
 * int32, both int64, both float64, or both decimal (precision and scale may differ; the result type
 * follows {@link DecimalTypes}). {@code DIVIDE} takes float64 or decimal operands (the analyzer
 * casts integers to float64, as Spark's {@code /}); division or remainder by zero gives null.
 * Integer overflow wraps as in Java (Spark's non-ANSI mode).
 */
public record Arithmetic(Op op, Expression left, Expression right) implements Expression {
  public enum Op {
    ADD("+"),
    SUBTRACT("-"),
    MULTIPLY("*"),
    DIVIDE("/"),
    REMAINDER("%");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  public Arithmetic {
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
    return new Arithmetic(op, children.get(0), children.get(1));
  }

  @Override
  public DataType dataType() {
    DataType l = left.dataType();
    DataType r = right.dataType();
    if (l instanceof DataType.Decimal a && r instanceof DataType.Decimal b) {
      return switch (op) {
        case ADD, SUBTRACT -> DecimalTypes.add(a, b);
        case MULTIPLY -> DecimalTypes.multiply(a, b);
        case DIVIDE -> DecimalTypes.divide(a, b);
        case REMAINDER -> DecimalTypes.remainder(a, b);
      };
    }
    if (!l.equals(r)) {
      throw new IllegalStateException("operands of " + sql() + " differ in type: " + l.displayName() + " and "
          + r.displayName() + " (the analyzer should have cast them)");
    }
    return l;
  }

  @Override
  public String sql() {
    return "(" + left.sql() + " " + op.symbol() + " " + right.sql() + ")";
  }
}
