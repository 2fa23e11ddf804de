package dev.sluice.engine.expr;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.types.DataType;
import java.util.List;

/** Boolean negation; {@code NOT NULL} is null. */
public record Not(Expression child) implements Expression {
  public Not {
    requireNonNull(child, "child is null");
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withChildren(List<Expression> children) {
    return new Not(children.get(0));
  }

  @Override
  public DataType dataType() {
    return DataType.BOOLEAN;
  }

  @Override
  public String sql() {
    return "(NOT " + child.sql() + ")";
  }
}
