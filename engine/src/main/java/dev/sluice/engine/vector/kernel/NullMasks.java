package dev.sluice.engine.vector.kernel;

/**
 * Null flag arrays of kernel results. A {@code null} array means "no row is null"; arrays are
 * never modified once a column holds them, so a result may share its operand's array.
 */
final class NullMasks {
  private NullMasks() {}

  /** Rows null in either input (SQL's strict null propagation). */
  static boolean[] or(boolean[] a, boolean[] b, int rows) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    boolean[] out = new boolean[rows];
    for (int i = 0; i < rows; i++) {
      out[i] = a[i] | b[i];
    }
    return out;
  }

  /** A copy of {@code nulls} (or all false when null), for a kernel that adds nulls of its own. */
  static boolean[] copy(boolean[] nulls, int rows) {
    boolean[] out = new boolean[rows];
    if (nulls != null) {
      System.arraycopy(nulls, 0, out, 0, rows);
    }
    return out;
  }

  /** {@code nulls}, or null when no entry is set. */
  static boolean[] orNone(boolean[] nulls, int rows) {
    if (nulls == null) {
      return null;
    }
    for (int i = 0; i < rows; i++) {
      if (nulls[i]) {
        return nulls;
      }
    }
    return null;
  }

  static boolean isNull(boolean[] nulls, int row) {
    return nulls != null && nulls[row];
  }
}
