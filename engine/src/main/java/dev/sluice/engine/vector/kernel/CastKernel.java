package dev.sluice.engine.vector.kernel;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.expr.Cast;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.vector.BoolData;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.CompiledExpression;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Spark's non-ANSI {@code CAST} between int32, int64, float64, decimal, boolean, utf8 and date32:
 * integers narrow by wrapping; float64 to integers truncates toward zero (saturating, NaN is 0);
 * decimals round HALF_UP to the target scale and are null when they do not fit its precision;
 * numbers to boolean are {@code != 0}, boolean to numbers 1/0. Casts from and to utf8 are in
 * {@link StringCasts}. A cast Spark does not allow (e.g. date32 to int32) fails to compile.
 */
public final class CastKernel {
  private CastKernel() {}

  /** The kernel of a resolved cast over its compiled child. */
  public static CompiledExpression create(Cast expr, CompiledExpression child) {
    DataType from = expr.child().dataType();
    DataType to = expr.target();
    String sql = expr.sql();
    if (from.equals(to)) {
      return child;
    }
    if (from instanceof DataType.Utf8) {
      return StringCasts.fromString(to, child, sql);
    }
    if (to instanceof DataType.Utf8) {
      return StringCasts.toString(from, child);
    }
    if (from instanceof DataType.Date32 || to instanceof DataType.Date32 || from instanceof DataType.Binary
        || to instanceof DataType.Binary) {
      throw new EngineException(ErrorCode.TYPE_MISMATCH, "Cannot cast " + from.displayName() + " to "
          + to.displayName() + " in " + sql + "; date32 casts only to and from utf8");
    }
    if (from instanceof DataType.Float64) {
      return input -> fromDouble((DoubleData) child.evaluate(input), to, input.rowCount(), sql);
    }
    if (from instanceof DataType.Bool) {
      return input -> {
        BoolData a = (BoolData) child.evaluate(input);
        int rows = input.rowCount();
        long[] values = new long[rows];
        boolean[] x = a.values();
        for (int i = 0; i < rows; i++) {
          values[i] = x[i] ? 1 : 0;
        }
        return fromLong(new LongData(DataType.INT64, values, a.nulls(), rows), 0, to, rows, sql);
      };
    }
    int scale = from instanceof DataType.Decimal d ? d.scale() : 0;
    return input -> fromLong((LongData) child.evaluate(input), scale, to, input.rowCount(), sql);
  }

  /** From int32, int64 or decimal (unscaled, at {@code scale}) to a numeric or boolean type. */
  private static ColumnData fromLong(LongData a, int scale, DataType to, int rows, String sql) {
    long[] x = a.values();
    boolean[] nulls = a.nulls();
    if (to instanceof DataType.Bool) {
      boolean[] out = new boolean[rows];
      for (int i = 0; i < rows; i++) {
        out[i] = x[i] != 0;
      }
      return new BoolData(out, nulls, rows);
    }
    if (to instanceof DataType.Float64) {
      double[] out = new double[rows];
      if (scale == 0) {
        for (int i = 0; i < rows; i++) {
          out[i] = x[i];
        }
      } else {
        for (int i = 0; i < rows; i++) {
          out[i] = decimalToDouble(x[i], scale);
        }
      }
      return new DoubleData(out, nulls, rows);
    }
    if (to instanceof DataType.Decimal target) {
      return toDecimal(a, scale, target, rows, sql);
    }
    long[] out = new long[rows];
    long divisor = DecimalMath.pow10(scale);
    for (int i = 0; i < rows; i++) {
      out[i] = divisor > 0 ? x[i] / divisor : 0;
    }
    if (to instanceof DataType.Int32) {
      for (int i = 0; i < rows; i++) {
        out[i] = (int) out[i];
      }
    }
    return new LongData(to, out, nulls, rows);
  }

  /** The double nearest an unscaled decimal, as {@link BigDecimal#doubleValue()}. */
  static double decimalToDouble(long unscaled, int scale) {
    long divisor = DecimalMath.pow10(scale);
    if (divisor > 0 && unscaled < (1L << 53) && unscaled > -(1L << 53)) {
      // Both operands are exact doubles, so the quotient is correctly rounded.
      return (double) unscaled / divisor;
    }
    return BigDecimal.valueOf(unscaled, scale).doubleValue();
  }

  private static LongData toDecimal(LongData a, int scale, DataType.Decimal target, int rows, String sql) {
    long[] x = a.values();
    boolean[] nulls = a.nulls();
    long[] out = new long[rows];
    boolean[] outNulls = null;
    for (int i = 0; i < rows; i++) {
      if (NullMasks.isNull(nulls, i)) {
        continue;
      }
      long value = 0;
      boolean fits;
      try {
        value = DecimalMath.rescale(x[i], scale, target.scale());
        fits = DecimalMath.fits(value, target.precision());
      } catch (ArithmeticException e) {
        if (target.precision() > 18) {
          throw DecimalMath.overflow(sql, BigDecimal.valueOf(x[i], scale).toPlainString() + " as "
              + target.displayName());
        }
        fits = false;
      }
      if (fits) {
        out[i] = value;
      } else {
        if (outNulls == null) {
          outNulls = NullMasks.copy(nulls, rows);
        }
        outNulls[i] = true;
      }
    }
    return new LongData(target, out, outNulls == null ? nulls : outNulls, rows);
  }

  private static ColumnData fromDouble(DoubleData a, DataType to, int rows, String sql) {
    double[] x = a.values();
    boolean[] nulls = a.nulls();
    if (to instanceof DataType.Bool) {
      boolean[] out = new boolean[rows];
      for (int i = 0; i < rows; i++) {
        out[i] = x[i] != 0;
      }
      return new BoolData(out, nulls, rows);
    }
    long[] out = new long[rows];
    if (to instanceof DataType.Int32) {
      for (int i = 0; i < rows; i++) {
        out[i] = (int) x[i];
      }
      return new LongData(to, out, nulls, rows);
    }
    if (to instanceof DataType.Int64) {
      for (int i = 0; i < rows; i++) {
        out[i] = (long) x[i];
      }
      return new LongData(to, out, nulls, rows);
    }
    DataType.Decimal target = (DataType.Decimal) to;
    boolean[] outNulls = null;
    for (int i = 0; i < rows; i++) {
      if (NullMasks.isNull(nulls, i)) {
        continue;
      }
      long value = doubleToDecimal(x[i], target, sql);
      if (value == Long.MIN_VALUE) {
        if (outNulls == null) {
          outNulls = NullMasks.copy(nulls, rows);
        }
        outNulls[i] = true;
      } else {
        out[i] = value;
      }
    }
    return new LongData(target, out, outNulls == null ? nulls : outNulls, rows);
  }

  /**
   * A double as an unscaled decimal of the target type (via its shortest decimal text, as Spark's
   * {@code Decimal(double)}), or {@link Long#MIN_VALUE} for NaN, infinities and values that do not fit.
   */
  static long doubleToDecimal(double value, DataType.Decimal target, String sql) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Long.MIN_VALUE;
    }
    return bigToDecimal(BigDecimal.valueOf(value), target, sql);
  }

  /**
   * An exact value as an unscaled decimal of the target type (HALF_UP), or {@link Long#MIN_VALUE}
   * when it does not fit the target's precision.
   *
   * @throws EngineException NUMERIC_OVERFLOW when it fits the precision but not 64 bits
   */
  static long bigToDecimal(BigDecimal value, DataType.Decimal target, String sql) {
    BigDecimal rounded = value.setScale(target.scale(), RoundingMode.HALF_UP);
    if (rounded.precision() - rounded.scale() > target.precision() - target.scale()) {
      return Long.MIN_VALUE;
    }
    if (rounded.unscaledValue().bitLength() > 63) {
      throw DecimalMath.overflow(sql, rounded.toPlainString());
    }
    return rounded.unscaledValue().longValue();
  }
}
