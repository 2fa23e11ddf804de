package dev.sluice.executors.columnar;

import dev.sluice.engine.relational.JoinType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The reference a hash join is tested against: every left row against every right row, in plain
 * Java. Keys match when all are non-null and equal (float64: {@code -0.0 = 0.0}, NaN = NaN), and
 * then the residual must hold.
 */
final class NestedLoopJoin {
  private NestedLoopJoin() {}

  /** Rows of a join of {@code left} ({@code leftWidth} columns) and {@code right} ({@code rightWidth}). */
  static List<Object[]> join(JoinType type, List<Object[]> left, int leftWidth, List<Object[]> right, int rightWidth,
      List<Function<Object[], Object>> leftKeys, List<Function<Object[], Object>> rightKeys,
      BiPredicate<Object[], Object[]> residual) {
    List<Object[]> out = new ArrayList<>();
    join(type, left, leftWidth, right, rightWidth, leftKeys, rightKeys, residual, out::add);
    return out;
  }

  /** As {@link #join(JoinType, List, int, List, int, List, List, BiPredicate)}, handing each row to {@code out}. */
  static void join(JoinType type, List<Object[]> left, int leftWidth, List<Object[]> right, int rightWidth,
      List<Function<Object[], Object>> leftKeys, List<Function<Object[], Object>> rightKeys,
      BiPredicate<Object[], Object[]> residual, Consumer<Object[]> out) {
    boolean[] rightMatched = new boolean[right.size()];
    for (Object[] l : left) {
      boolean matched = false;
      for (int j = 0; j < right.size(); j++) {
        Object[] r = right.get(j);
        if (keysMatch(l, r, leftKeys, rightKeys) && (residual == null || residual.test(l, r))) {
          matched = true;
          rightMatched[j] = true;
          if (!type.leftOnly()) {
            out.accept(concat(l, r, leftWidth, rightWidth));
          }
        }
      }
      if ((type == JoinType.LEFT_SEMI && matched) || (type == JoinType.LEFT_ANTI && !matched)) {
        out.accept(l.clone());
      }
      if (!matched && (type == JoinType.LEFT_OUTER || type == JoinType.FULL_OUTER)) {
        out.accept(concat(l, null, leftWidth, rightWidth));
      }
    }
    if (type == JoinType.RIGHT_OUTER || type == JoinType.FULL_OUTER) {
      for (int j = 0; j < right.size(); j++) {
        if (!rightMatched[j]) {
          out.accept(concat(null, right.get(j), leftWidth, rightWidth));
        }
      }
    }
  }

  private static boolean keysMatch(Object[] l, Object[] r, List<Function<Object[], Object>> leftKeys,
      List<Function<Object[], Object>> rightKeys) {
    for (int k = 0; k < leftKeys.size(); k++) {
      if (!keyEquals(leftKeys.get(k).apply(l), rightKeys.get(k).apply(r))) {
        return false;
      }
    }
    return true;
  }

  static boolean keyEquals(Object a, Object b) {
    if (a == null || b == null) {
      return false;
    }
    if (a instanceof Double x && b instanceof Double y) {
      return x.doubleValue() == y.doubleValue() || (x.isNaN() && y.isNaN());
    }
    return a.equals(b);
  }

  private static Object[] concat(Object[] l, Object[] r, int leftWidth, int rightWidth) {
    Object[] row = new Object[leftWidth + rightWidth];
    if (l != null) {
      System.arraycopy(l, 0, row, 0, leftWidth);
    }
    if (r != null) {
      System.arraycopy(r, 0, row, leftWidth, rightWidth);
    }
    return row;
  }
}
