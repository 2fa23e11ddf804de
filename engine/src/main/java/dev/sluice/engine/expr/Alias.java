package dev.sluice.engine.expr;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.types.DataType;
import java.util.List;

/** Names the column an expression produces: {@code expr AS name}. */
public record Alias(Expression child, String name) implements Expression {
  public Alias {
    requireNonNull(child, "child is null");
    requireNonNull(name, "name is null");
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withChildren(List<Expression> children) {
    return new Alias(children.get(0), name);
  }

  @Override
  public DataType dataType() {
    return child.dataType();
  }

  @Override
  public String sql() {
    return child.sql() + " AS " + name;
  }

  @Override
  public String outputName() {
    return name;
  }
}
