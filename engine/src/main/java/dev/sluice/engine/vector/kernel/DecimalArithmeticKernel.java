package dev.sluice.engine.vector.kernel;

import dev.sluice.engine.expr.Arithmetic;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.vector.CompiledExpression;
import dev.sluice.engine.vector.LongData;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * {@link Arithmetic} on decimals held as unscaled longs. The result has the type
 * {@link dev.sluice.engine.expr.DecimalTypes} gives: {@code +}/{@code -} rescale both operands to
 * the larger scale, {@code *} multiplies the unscaled values (scale s1+s2), {@code /} rounds to the
 * result scale, {@code %} works at the larger scale; whenever the result scale is smaller than the
 * exact one the value is rounded HALF_UP. Division or remainder by zero gives null. A non-null
 * result beyond 64 bits fails with NUMERIC_OVERFLOW naming the expression. Fast loops use exact
 * 64-bit arithmetic; a batch where one overflows is redone row by row with BigDecimal.
 */
final class DecimalArithmeticKernel {
  private DecimalArithmeticKernel() {}

  static CompiledExpression create(Arithmetic expr, CompiledExpression left, CompiledExpression right) {
    DataType.Decimal leftType = (DataType.Decimal) expr.left().dataType();
    DataType.Decimal rightType = (DataType.Decimal) expr.right().dataType();
    DataType.Decimal resultType = (DataType.Decimal) expr.dataType();
    Shape shape = new Shape(expr.op(), leftType.scale(), rightType.scale(), resultType, expr.sql());
    return input -> shape.apply((LongData) left.evaluate(input), (LongData) right.evaluate(input),
        input.rowCount());
  }

  /** One decimal operation with its operand and result scales. */
  private record Shape(Arithmetic.Op op, int leftScale, int rightScale, DataType.Decimal type, String sql) {
    LongData apply(LongData a, LongData b, int rows) {
      long[] x = a.values();
      long[] y = b.values();
      long[] out = new long[rows];
      boolean[] nulls = NullMasks.or(a.nulls(), b.nulls(), rows);
      switch (op) {
        case ADD, SUBTRACT, MULTIPLY -> {
          try {
            if (op == Arithmetic.Op.MULTIPLY) {
              multiply(x, y, out, rows);
            } else {
              addOrSubtract(x, y, out, rows);
            }
          } catch (ArithmeticException e) {
            slow(x, y, out, nulls, rows);
          }
        }
        case DIVIDE -> nulls = divide(x, y, out, nulls, rows);
        case REMAINDER -> nulls = remainder(x, y, out, nulls, rows);
      }
      return new LongData(type, out, nulls, rows);
    }

    private void addOrSubtract(long[] x, long[] y, long[] out, int rows) {
      int scale = Math.max(leftScale, rightScale);
      long fx = DecimalMath.pow10(scale - leftScale);
      long fy = DecimalMath.pow10(scale - rightScale);
      if (fx < 0 || fy < 0) {
        throw new ArithmeticException("scale difference beyond 18 digits");
      }
      boolean subtract = op == Arithmetic.Op.SUBTRACT;
      if (fx == 1 && fy == 1) {
        if (subtract) {
          for (int i = 0; i < rows; i++) {
            out[i] = Math.subtractExact(x[i], y[i]);
          }
        } else {
          for (int i = 0; i < rows; i++) {
            out[i] = Math.addExact(x[i], y[i]);
          }
        }
      } else if (subtract) {
        for (int i = 0; i < rows; i++) {
          out[i] = Math.subtractExact(Math.multiplyExact(x[i], fx), Math.multiplyExact(y[i], fy));
        }
      } else {
        for (int i = 0; i < rows; i++) {
          out[i] = Math.addExact(Math.multiplyExact(x[i], fx), Math.multiplyExact(y[i], fy));
        }
      }
      roundTo(out, rows, scale);
    }

    private void multiply(long[] x, long[] y, long[] out, int rows) {
      for (int i = 0; i < rows; i++) {
        out[i] = Math.multiplyExact(x[i], y[i]);
      }
      roundTo(out, rows, leftScale + rightScale);
    }

    /** Rounds values at scale {@code from} HALF_UP to the result scale (when it is smaller). */
    private void roundTo(long[] out, int rows, int from) {
      if (from == type.scale()) {
        return;
      }
      long divisor = DecimalMath.pow10(from - type.scale());
      if (divisor < 0) {
        throw new ArithmeticException("scale difference beyond 18 digits");
      }
      for (int i = 0; i < rows; i++) {
        out[i] = DecimalMath.divideHalfUp(out[i], divisor);
      }
    }

    private boolean[] divide(long[] x, long[] y, long[] out, boolean[] nulls, int rows) {
      int exponent = type.scale() - leftScale + rightScale;
      long factor = DecimalMath.pow10(exponent);
      long limit = factor > 0 ? Long.MAX_VALUE / factor : 0;
      boolean[] withZeros = null;
      for (int i = 0; i < rows; i++) {
        long d = y[i];
        if (d == 0) {
          if (withZeros == null) {
            withZeros = NullMasks.copy(nulls, rows);
          }
          withZeros[i] = true;
          continue;
        }
        long n = x[i];
        if (factor > 0 && n <= limit && n >= -limit && d != Long.MIN_VALUE) {
          long scaled = n * factor;
          long quotient = scaled / d;
          long remainder = scaled % d;
          long absRemainder = Math.abs(remainder);
          long absDivisor = Math.abs(d);
          if (remainder != 0 && absRemainder >= absDivisor - absRemainder) {
            quotient += (scaled < 0) == (d < 0) ? 1 : -1;
          }
          out[i] = quotient;
        } else if (!NullMasks.isNull(nulls, i)) {
          out[i] = exact(n, d);
        }
      }
      return withZeros == null ? nulls : withZeros;
    }

    private boolean[] remainder(long[] x, long[] y, long[] out, boolean[] nulls, int rows) {
      int scale = Math.max(leftScale, rightScale);
      long fx = DecimalMath.pow10(scale - leftScale);
      long fy = DecimalMath.pow10(scale - rightScale);
      boolean[] withZeros = null;
      for (int i = 0; i < rows; i++) {
        if (y[i] == 0) {
          if (withZeros == null) {
            withZeros = NullMasks.copy(nulls, rows);
          }
          withZeros[i] = true;
          continue;
        }
        if (NullMasks.isNull(nulls, i)) {
          continue;
        }
        long n = fx > 0 ? x[i] * fx : 0;
        long d = fy > 0 ? y[i] * fy : 0;
        boolean exactScaling = fx > 0 && fy > 0 && Math.multiplyHigh(x[i], fx) == (n >> 63)
            && Math.multiplyHigh(y[i], fy) == (d >> 63);
        out[i] = exactScaling && scale == type.scale() ? n % d : exact(x[i], y[i]);
      }
      return withZeros == null ? nulls : withZeros;
    }

    /** Redoes a batch row by row in BigDecimal after a fast loop overflowed. */
    private void slow(long[] x, long[] y, long[] out, boolean[] nulls, int rows) {
      for (int i = 0; i < rows; i++) {
        out[i] = NullMasks.isNull(nulls, i) ? 0 : exact(x[i], y[i]);
      }
    }

    /** One row exactly, rounded HALF_UP to the result scale; an overflow error when it does not fit. */
    private long exact(long x, long y) {
      BigDecimal a = BigDecimal.valueOf(x, leftScale);
      BigDecimal b = BigDecimal.valueOf(y, rightScale);
      BigDecimal result = switch (op) {
        case ADD -> a.add(b);
        case SUBTRACT -> a.subtract(b);
        case MULTIPLY -> a.multiply(b);
        case DIVIDE -> a.divide(b, type.scale(), RoundingMode.HALF_UP);
        case REMAINDER -> a.remainder(b);
      };
      BigDecimal rounded = result.setScale(type.scale(), RoundingMode.HALF_UP);
      if (rounded.unscaledValue().bitLength() > 63) {
        throw DecimalMath.overflow(sql, rounded.toPlainString());
      }
      return rounded.unscaledValue().longValue();
    }
  }
}
