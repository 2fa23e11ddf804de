package dev.sluice.engine.expr;

import static java.util.Objects.requireNonNull;

/**
 * One key of an ordering. As Spark: ascending keys put nulls first, descending keys put them last,
 * unless {@code nullsFirst} says otherwise.
 */
public record SortKey(Expression expression, boolean ascending, boolean nullsFirst) {
  public SortKey {
    requireNonNull(expression, "expression is null");
  }

  public static SortKey ascending(Expression expression) {
    return new SortKey(expression, true, true);
  }

  public static SortKey descending(Expression expression) {
    return new SortKey(expression, false, false);
  }

  public SortKey withExpression(Expression other) {
    return new SortKey(other, ascending, nullsFirst);
  }

  public String sql() {
    return expression.sql() + (ascending ? " ASC" : " DESC") + (nullsFirst ? " NULLS FIRST" : " NULLS LAST");
  }
}
