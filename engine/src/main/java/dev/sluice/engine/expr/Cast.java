package dev.sluice.engine.expr;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.types.DataType;
import java.util.List;

/**
 * Converts a value to another type, as Spark's non-ANSI {@code CAST}: a string that does not parse
 * as the target gives null; numbers to integers truncate toward zero; decimals round HALF_UP to
 * the target scale and give null when they do not fit its precision; dates to and from
 * {@code yyyy-MM-dd} strings; boolean to numbers as 1/0.
 */
public record Cast(Expression child, DataType target) implements Expression {
  public Cast {
    requireNonNull(child, "child is null");
    requireNonNull(target, "target is null");
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withChildren(List<Expression> children) {
    return new Cast(children.get(0), target);
  }

  @Override
  public DataType dataType() {
    return target;
  }

  @Override
  public String sql() {
    return "CAST(" + child.sql() + " AS " + target.displayName() + ")";
  }

  @Override
  public String outputName() {
    return child.outputName();
  }
}
