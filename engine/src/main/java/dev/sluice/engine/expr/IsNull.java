package dev.sluice.engine.expr;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.types.DataType;
import java.util.List;

/**
 * {@code child IS NULL}, or {@code IS NOT NULL} when {@code negated}; never null itself.
 */
public record IsNull(Expression child, boolean negated) implements Expression {
  public IsNull {
    requireNonNull(child, "child is null");
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withChildren(List<Expression> children) {
    return new IsNull(children.get(0), negated);
  }

  @Override
  public DataType dataType() {
    return DataType.BOOLEAN;
  }

  @Override
  public String sql() {
    return "(" + child.sql() + (negated ? " IS NOT NULL)" : " IS NULL)");
  }
}
