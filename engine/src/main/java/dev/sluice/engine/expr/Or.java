package dev.sluice.engine.expr;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.types.DataType;
import java.util.List;

/** Boolean {@code OR} with SQL's three-valued logic. Both operands are boolean after analysis. */
public record Or(Expression left, Expression right) implements Expression {
  public Or {
    requireNonNull(left, "left is null");
    requireNonNull(right, "right is null");
  }

  @Override
  public List<Expression> children() {
    return List.of(left, right);
  }

  @Override
  public Expression withChildren(List<Expression> children) {
    return new Or(children.get(0), children.get(1));
  }

  @Override
  public DataType dataType() {
    return DataType.BOOLEAN;
  }

  @Override
  public String sql() {
    return "(" + left.sql() + " OR " + right.sql() + ")";
  }
}
