package dev.sluice.engine.expr;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.types.DataType;
import java.util.List;

/** Boolean {@code AND} with SQL's three-valued logic. Both operands are boolean after analysis. */
public record And(Expression left, Expression right) implements Expression {
  public And {
    requireNonNull(left, "left is null");
    requireNonNull(right, "right is null");
  }

  @Override
  public List<Expression> children() {
    return List.of(left, right);
  }

  @Override
  public Expression withChildren(List<Expression> children) {
    return new And(children.get(0), children.get(1));
  }

  @Override
  public DataType dataType() {
    return DataType.BOOLEAN;
  }

  @Override
  public String sql() {
    return "(" + left.sql() + " AND " + right.sql() + ")";
  }
}
