package dev.sluice.engine.expr;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.types.DataType;
import java.util.List;

/**
 * An aggregate over the rows of a group. {@code input} is null only for {@code count(*)}.
 * {@code distinct} aggregates only distinct non-null inputs ({@code countDistinct}).
 */
public record AggregateCall(AggregateFunction function, Expression input, boolean distinct) implements Expression {
  public AggregateCall {
    requireNonNull(function, "function is null");
    if (input == null && function != AggregateFunction.COUNT) {
      throw new IllegalArgumentException(function.sqlName() + " needs an input column");
    }
  }

  public static AggregateCall countStar() {
    return new AggregateCall(AggregateFunction.COUNT, null, false);
  }

  @Override
  public List<Expression> children() {
    return input == null ? List.of() : List.of(input);
  }

  @Override
  public Expression withChildren(List<Expression> children) {
    return new AggregateCall(function, children.isEmpty() ? null : children.get(0), distinct);
  }

  @Override
  public DataType dataType() {
    return function.resultType(input == null ? null : input.dataType());
  }

  @Override
  public String sql() {
    return function.sqlName() + "(" + (distinct ? "DISTINCT " : "") + (input == null ? "1" : input.sql()) + ")";
  }

  @Override
  public String outputName() {
    return input == null ? "count(1)" : sql();
  }
}
