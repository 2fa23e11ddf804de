package dev.sluice.engine.keyed;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.expr.SortKey;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * The order of key tuples under columnar sort keys, on values as {@code Literal} holds them (Long,
 * Integer, Double, Boolean, String, LocalDate, BigDecimal, or null). It is the order the columnar
 * sort and range partitioner apply to columns: per key, nulls first or last as the {@link SortKey}
 * says, strings by unsigned UTF-8 bytes (that is, by code points), doubles by {@link
 * Double#compare} (-0.0 before 0.0, NaN after everything), decimals by value, booleans false
 * first; descending keys reverse the order of non-null values only.
 */
public final class KeyTupleOrder implements Comparator<List<Object>> {
  /** One flag pair per key. */
  private final boolean[] ascending;
  private final boolean[] nullsFirst;

  public KeyTupleOrder(List<SortKey> keys) {
    requireNonNull(keys, "keys is null");
    ascending = new boolean[keys.size()];
    nullsFirst = new boolean[keys.size()];
    for (int k = 0; k < keys.size(); k++) {
      ascending[k] = keys.get(k).ascending();
      nullsFirst[k] = keys.get(k).nullsFirst();
    }
  }

  /** How many keys a tuple has. */
  public int keyCount() {
    return ascending.length;
  }

  @Override
  public int compare(List<Object> left, List<Object> right) {
    for (int k = 0; k < ascending.length; k++) {
      int order = compareKey(k, left.get(k), right.get(k));
      if (order != 0) {
        return order;
      }
    }
    return 0;
  }

  /** The order of two values of key {@code k}, nulls and direction applied. */
  public int compareKey(int k, Object left, Object right) {
    if (left == null || right == null) {
      if (left == right) {
        return 0;
      }
      return (left == null) == nullsFirst[k] ? -1 : 1;
    }
    int order = compareValues(left, right);
    return ascending[k] ? order : -order;
  }

  /** The ascending order of two non-null values of one key type. */
  public static int compareValues(Object left, Object right) {
    if (left instanceof String a && right instanceof String b) {
      return compareCodePoints(a, b);
    }
    if (left instanceof Double a && right instanceof Double b) {
      return Double.compare(a, b);
    }
    if (left instanceof BigDecimal a && right instanceof BigDecimal b) {
      return a.compareTo(b);
    }
    if ((left instanceof Long || left instanceof Integer) && (right instanceof Long || right instanceof Integer)) {
      return Long.compare(((Number) left).longValue(), ((Number) right).longValue());
    }
    if (left instanceof LocalDate a && right instanceof LocalDate b) {
      return a.compareTo(b);
    }
    if (left instanceof Boolean a && right instanceof Boolean b) {
      return Boolean.compare(a, b);
    }
    throw new EngineException(ErrorCode.INVALID_ARGUMENT, "Cannot order sort key values "
        + left.getClass().getSimpleName() + " " + left + " and " + right.getClass().getSimpleName() + " " + right
        + "; a key's values must be of one type: Long, Integer, Double, Boolean, String, LocalDate or BigDecimal");
  }

  /** Orders strings by code point, which is the order of their UTF-8 bytes compared unsigned. */
  public static int compareCodePoints(String left, String right) {
    int length = Math.min(left.length(), right.length());
    for (int i = 0; i < length; i++) {
      char a = left.charAt(i);
      char b = right.charAt(i);
      if (a != b) {
        return Integer.compare(left.codePointAt(i), right.codePointAt(i));
      }
    }
    return Integer.compare(left.length(), right.length());
  }
}
