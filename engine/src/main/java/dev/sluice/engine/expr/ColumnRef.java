package dev.sluice.engine.expr;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.types.DataType;
import java.util.List;

/**
 * A column by name, before analysis. {@code qualifier} (a DataFrame alias such as {@code o} in
 * {@code o.o_orderkey}) is optional.
 *
 * @param qualifier the relation alias, or null
 * @param name the column name
 */
public record ColumnRef(String qualifier, String name) implements Expression {
  public ColumnRef {
    requireNonNull(name, "name is null");
  }

  public ColumnRef(String name) {
    this(null, name);
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
    throw new IllegalStateException("column '" + sql() + "' is not resolved");
  }

  @Override
  public boolean resolved() {
    return false;
  }

  @Override
  public String sql() {
    return qualifier == null ? name : qualifier + "." + name;
  }

  @Override
  public String outputName() {
    return name;
  }
}
