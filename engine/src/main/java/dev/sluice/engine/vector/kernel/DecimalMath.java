package dev.sluice.engine.vector.kernel;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Scaled 64-bit decimal arithmetic: a decimal is its unscaled {@code long}. Rescaling rounds
 * HALF_UP (away from zero at .5), as Spark's decimals do.
 */
final class DecimalMath {
  /** {@code POW10[k] = 10^k} for k = 0..18. */
  static final long[] POW10 = new long[19];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  private DecimalMath() {}

  /** {@code 10^k}, or -1 when it exceeds 64 bits. */
  static long pow10(int k) {
    return k >= 0 && k < POW10.length ? POW10[k] : -1;
  }

  /** {@code value / divisor} rounded HALF_UP ({@code divisor > 0}). */
  static long divideHalfUp(long value, long divisor) {
    long quotient = value / divisor;
    long remainder = value % divisor;
    if (remainder != 0 && Math.abs(remainder) >= divisor - Math.abs(remainder)) {
      quotient += value < 0 ? -1 : 1;
    }
    return quotient;
  }

  /**
   * {@code unscaled} at scale {@code from} rescaled to scale {@code to} (HALF_UP when lowering it).
   *
   * @throws ArithmeticException when the result does not fit in 64 bits
   */
  static long rescale(long unscaled, int from, int to) {
    if (to == from) {
      return unscaled;
    }
    if (to > from) {
      long factor = pow10(to - from);
      if (factor < 0) {
        if (unscaled == 0) {
          return 0;
        }
        throw new ArithmeticException("overflow");
      }
      return Math.multiplyExact(unscaled, factor);
    }
    long divisor = pow10(from - to);
    if (divisor < 0) {
      return BigDecimal.valueOf(unscaled, from).setScale(to, RoundingMode.HALF_UP).unscaledValue().longValue();
    }
    return divideHalfUp(unscaled, divisor);
  }

  /** Whether an unscaled value has at most {@code precision} digits. */
  static boolean fits(long unscaled, int precision) {
    if (precision >= 19) {
      return true;
    }
    long bound = POW10[precision];
    return unscaled < bound && unscaled > -bound;
  }

  /** The long of an exact value, or an overflow error naming the expression. */
  static long toLong(BigInteger value, String sql) {
    if (value.bitLength() > 63) {
      throw overflow(sql, new BigDecimal(value).toPlainString());
    }
    return value.longValue();
  }

  static EngineException overflow(String sql) {
    return new EngineException(ErrorCode.NUMERIC_OVERFLOW, "Decimal overflow in " + sql
        + ": a value exceeds the 18 significant digits (64-bit unscaled) the columnar path computes decimals in");
  }

  static EngineException overflow(String sql, String value) {
    return new EngineException(ErrorCode.NUMERIC_OVERFLOW, "Decimal overflow in " + sql + ": " + value
        + " exceeds the 18 significant digits (64-bit unscaled) the columnar path computes decimals in");
  }
}
