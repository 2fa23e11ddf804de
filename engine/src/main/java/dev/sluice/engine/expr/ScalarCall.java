package dev.sluice.engine.expr;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.types.DataType;
import java.util.List;
import java.util.stream.Collectors;

/** A call of a built-in {@link ScalarFunction}. */
public record ScalarCall(ScalarFunction function, List<Expression> args) implements Expression {
  public ScalarCall {
    requireNonNull(function, "function is null");
    args = List.copyOf(requireNonNull(args, "args is null"));
  }

  @Override
  public List<Expression> children() {
    return args;
  }

  @Override
  public Expression withChildren(List<Expression> children) {
    return new ScalarCall(function, children);
  }

  @Override
  public DataType dataType() {
    return function.resultType(args);
  }

  @Override
  public String sql() {
    if (function == ScalarFunction.NEGATE) {
      return "(- " + args.get(0).sql() + ")";
    }
    return function.sqlName() + args.stream().map(Expression::sql).collect(Collectors.joining(", ", "(", ")"));
  }
}
