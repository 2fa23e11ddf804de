package dev.sluice.executors.columnar;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Two's-complement 128-bit integers held as a {@code (low, high)} pair of longs, the form decimal
 * sums accumulate in (a decimal128 Arrow value is the same two words, little-endian). Additions
 * are plain long arithmetic with a carry; anything rarer goes through {@link BigInteger}.
 */
final class Int128 {
  private static final BigInteger LOW_MASK = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  /** {@code 10^i} for {@code i} in {@code 0..18}. */
  static final long[] POWERS_OF_TEN = new long[19];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int i = 1; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }
  }

  private Int128() {}

  /** The carry out of {@code low + addend} where {@code sum} is their wrapped sum: 0 or 1. */
  static long carry(long low, long sum) {
    return Long.compareUnsigned(sum, low) < 0 ? 1 : 0;
  }

  /** Whether the value fits in one long (the high word only extends the sign). */
  static boolean fitsLong(long low, long high) {
    return high == (low >> 63);
  }

  static BigInteger toBigInteger(long low, long high) {
    if (fitsLong(low, high)) {
      return BigInteger.valueOf(low);
    }
    return BigInteger.valueOf(high).shiftLeft(64).or(BigInteger.valueOf(low).and(LOW_MASK));
  }

  /** The low word of a value that fits in 128 bits. */
  static long low(BigInteger value) {
    return value.longValue();
  }

  /** The high word of a value that fits in 128 bits. */
  static long high(BigInteger value) {
    return value.shiftRight(64).longValue();
  }

  /** Whether the value has at most {@code precision} decimal digits. */
  static boolean fitsPrecision(long low, long high, int precision) {
    if (fitsLong(low, high)) {
      if (precision >= 19) {
        return true;
      }
      return low != Long.MIN_VALUE && Math.abs(low) < POWERS_OF_TEN[precision];
    }
    return toBigInteger(low, high).abs().compareTo(BigInteger.TEN.pow(precision)) < 0;
  }

  /**
   * {@code value × 10^(toScale − fromScale) ÷ divisor}, rounded half up (away from zero at one
   * half), as a 128-bit result written to {@code out[0]} (low) and {@code out[1]} (high).
   */
  static void divideRescaled(long low, long high, int fromScale, int toScale, long divisor, long[] out) {
    int up = toScale - fromScale;
    if (fitsLong(low, high) && up >= 0 && up < POWERS_OF_TEN.length && divisor > 0) {
      long factor = POWERS_OF_TEN[up];
      long scaled = low * factor;
      if (Math.multiplyHigh(low, factor) == (scaled >> 63)) {
        long quotient = scaled / divisor;
        long remainder = Math.abs(scaled % divisor);
        if (remainder >= divisor - remainder) {
          quotient += scaled < 0 ? -1 : 1;
        }
        out[0] = quotient;
        out[1] = quotient >> 63;
        return;
      }
    }
    BigInteger result = new BigDecimal(toBigInteger(low, high), fromScale)
        .divide(BigDecimal.valueOf(divisor), toScale, RoundingMode.HALF_UP).unscaledValue();
    set(result, out);
  }

  /**
   * Writes a value to {@code out[0]} (low) and {@code out[1]} (high); one beyond 126 bits becomes
   * {@code 2^127 − 1}, which no decimal precision holds, so the output check reports it.
   */
  static void set(BigInteger value, long[] out) {
    if (value.bitLength() > 126) {
      out[0] = -1;
      out[1] = Long.MAX_VALUE;
      return;
    }
    out[0] = low(value);
    out[1] = high(value);
  }
}
