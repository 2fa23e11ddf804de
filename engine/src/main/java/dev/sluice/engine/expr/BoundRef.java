package dev.sluice.engine.expr;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.types.DataType;
import java.util.List;

/**
 * An input column by position, after analysis.
 *
 * @param index the column's position in the input schema
 * @param name the column's name, for display
 * @param type the column's type
 */
public record BoundRef(int index, String name, DataType type) implements Expression {
  public BoundRef {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    if (index < 0) {
      throw new IllegalArgumentException("index must be non-negative, got " + index);
    }
  }

  @Override
  public List<Expression> children() {
    return List.of();
  }

  @Override
  public Expression withChildren(List<Expression> children) {
    return this;
  }

  @Override
  public DataType dataType() {
    return type;
  }

  @Override
  public String sql() {
    return name;
  }
}
