package dev.sluice.engine.expr;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code child IN (v1, v2, ...)}: true when equal to one of the values; null when not found and
 * the child or some value is null (SQL). After analysis the values have the child's type.
 */
public record InList(Expression child, List<Expression> values) implements Expression {
  public InList {
    requireNonNull(child, "child is null");
    values = List.copyOf(requireNonNull(values, "values is null"));
    if (values.isEmpty()) {
      throw new IllegalArgumentException("IN needs at least one value");
    }
  }

  @Override
  public List<Expression> children() {
    List<Expression> children = new ArrayList<>(values.size() + 1);
    children.add(child);
    children.addAll(values);
    return children;
  }

  @Override
  public Expression withChildren(List<Expression> children) {
    return new InList(children.get(0), children.subList(1, children.size()));
  }

  @Override
  public DataType dataType() {
    return DataType.BOOLEAN;
  }

  @Override
  public String sql() {
    StringBuilder text = new StringBuilder("(").append(child.sql()).append(" IN (");
    for (int i = 0; i < values.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(values.get(i).sql());
    }
    return text.append("))").toString();
  }
}
