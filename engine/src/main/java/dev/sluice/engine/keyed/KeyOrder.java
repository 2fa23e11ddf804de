package dev.sluice.engine.keyed;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import java.io.Serializable;
import java.util.Comparator;

/**
 * The order of sort keys: ascending or descending by their natural order ({@link Comparable}),
 * with nulls first when ascending and last when descending (as Spark's {@code sortBy}: nulls are
 * the smallest value).
 *
 * @param ascending true for smallest first
 */
public record KeyOrder(boolean ascending) implements Comparator<Object>, Serializable {
  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public int compare(Object left, Object right) {
    int order;
    if (left == null || right == null) {
      order = left == null ? (right == null ? 0 : -1) : 1;
    } else if (left instanceof Comparable comparable) {
      try {
        order = comparable.compareTo(right);
      } catch (ClassCastException e) {
        throw notComparable(left, right);
      }
    } else {
      throw notComparable(left, right);
    }
    return ascending ? order : -order;
  }

  private static EngineException notComparable(Object left, Object right) {
    return new EngineException(ErrorCode.INVALID_ARGUMENT, "Sort keys must be mutually Comparable, got "
        + left.getClass().getName() + " and " + right.getClass().getName());
  }
}
