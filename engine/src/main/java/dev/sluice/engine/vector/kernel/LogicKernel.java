package dev.sluice.engine.vector.kernel;

import dev.sluice.engine.vector.BoolData;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.CompiledExpression;

/**
 * {@code AND}, {@code OR} and {@code NOT} with SQL's three-valued logic, and {@code IS [NOT] NULL}.
 * {@code false AND null} is false, {@code true OR null} is true; {@code NOT null} is null.
 */
public final class LogicKernel {
  private LogicKernel() {}

  /** {@code left AND right}, or {@code left OR right} when {@code or}. */
  public static CompiledExpression andOr(boolean or, CompiledExpression left, CompiledExpression right) {
    return input -> {
      BoolData a = (BoolData) left.evaluate(input);
      BoolData b = (BoolData) right.evaluate(input);
      int rows = input.rowCount();
      boolean[] x = a.values();
      boolean[] y = b.values();
      boolean[] xn = a.nulls();
      boolean[] yn = b.nulls();
      boolean[] out = new boolean[rows];
      if (xn == null && yn == null) {
        if (or) {
          for (int i = 0; i < rows; i++) {
            out[i] = x[i] | y[i];
          }
        } else {
          for (int i = 0; i < rows; i++) {
            out[i] = x[i] & y[i];
          }
        }
        return new BoolData(out, null, rows);
      }
      boolean[] nulls = new boolean[rows];
      boolean any = false;
      for (int i = 0; i < rows; i++) {
        boolean leftNull = xn != null && xn[i];
        boolean rightNull = yn != null && yn[i];
        // The value that decides alone: false for AND, true for OR.
        boolean leftDecides = !leftNull && x[i] == or;
        boolean rightDecides = !rightNull && y[i] == or;
        if (leftDecides || rightDecides) {
          out[i] = or;
        } else if (leftNull || rightNull) {
          nulls[i] = true;
          any = true;
        } else {
          out[i] = !or;
        }
      }
      return new BoolData(out, any ? nulls : null, rows);
    };
  }

  /** {@code NOT child}. */
  public static CompiledExpression not(CompiledExpression child) {
    return input -> {
      BoolData a = (BoolData) child.evaluate(input);
      int rows = input.rowCount();
      boolean[] x = a.values();
      boolean[] out = new boolean[rows];
      for (int i = 0; i < rows; i++) {
        out[i] = !x[i];
      }
      return new BoolData(out, a.nulls(), rows);
    };
  }

  /** {@code child IS NULL}, or {@code IS NOT NULL} when {@code negated}; never null. */
  public static CompiledExpression isNull(boolean negated, CompiledExpression child) {
    return input -> {
      ColumnData a = child.evaluate(input);
      int rows = input.rowCount();
      boolean[] nulls = a.nulls();
      boolean[] out = new boolean[rows];
      if (nulls == null) {
        if (negated) {
          java.util.Arrays.fill(out, true);
        }
      } else {
        for (int i = 0; i < rows; i++) {
          out[i] = nulls[i] != negated;
        }
      }
      return new BoolData(out, null, rows);
    };
  }
}
