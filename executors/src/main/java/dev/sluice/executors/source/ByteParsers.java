package dev.sluice.executors.source;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Parses values straight from UTF-8 bytes {@code b[from..to)} into a slot of a primitive array,
 * with no object per value on the common forms. Each method returns whether the bytes are a valid
 * value of the type (false = malformed; the slot is then unspecified). Accepted forms follow what
 * Spark's CSV reader accepts: {@code Integer.parseInt}/{@code Long.parseLong} for integers,
 * {@code Double.parseDouble} plus {@code Inf}/{@code -Inf} for doubles, {@code new BigDecimal}
 * rounded HALF_UP to the scale for decimals, {@code true}/{@code false} in any case for booleans,
 * and {@code yyyy-M-d} (one or two digit month and day) for dates.
 */
final class ByteParsers {
  private static final long[] POW10 = new long[19];
  private static final double[] POW10_DOUBLE = new double[23];
  private static final long DAYS_0000_TO_1970 = 719_528L;
  /** Years whose start day is tabulated (the common range), so a date costs no division. */
  private static final int TABLE_FIRST_YEAR = 1900;
  private static final int TABLE_YEARS = 300;
  private static final int[] YEAR_STARTS = new int[TABLE_YEARS];
  private static final boolean[] LEAP = new boolean[TABLE_YEARS];
  private static final int[] MONTH_STARTS = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
  private static final int[] LEAP_MONTH_STARTS = {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366};

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
    for (int y = 0; y < TABLE_YEARS; y++) {
      YEAR_STARTS[y] = (int) epochDay(TABLE_FIRST_YEAR + y, 1, 1);
      LEAP[y] = isLeap(TABLE_FIRST_YEAR + y);
    }
    POW10_DOUBLE[0] = 1;
    for (int i = 1; i < POW10_DOUBLE.length; i++) {
      POW10_DOUBLE[i] = POW10_DOUBLE[i - 1] * 10;
    }
  }

  private ByteParsers() {}

  /** An int32 ({@code Integer.parseInt}'s form). */
  static boolean parseInt32(byte[] b, int from, int to, long[] out, int index) {
    if (!parseInt64(b, from, to, out, index)) {
      return false;
    }
    long value = out[index];
    return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
  }

  /** An int64 ({@code Long.parseLong}'s form: optional sign, then ASCII digits). */
  static boolean parseInt64(byte[] b, int from, int to, long[] out, int index) {
    int p = from;
    boolean negative = false;
    if (p < to && (b[p] == '-' || b[p] == '+')) {
      negative = b[p] == '-';
      p++;
    }
    if (p == to) {
      return false;
    }
    if (to - p <= 18) {
      // at most 18 digits cannot overflow
      long value = 0;
      for (; p < to; p++) {
        int digit = b[p] - '0';
        if (digit < 0 || digit > 9) {
          return false;
        }
        value = value * 10 + digit;
      }
      out[index] = negative ? -value : value;
      return true;
    }
    // accumulate negatively so that Long.MIN_VALUE parses
    long value = 0;
    for (; p < to; p++) {
      int digit = b[p] - '0';
      if (digit < 0 || digit > 9) {
        return false;
      }
      if (value < Long.MIN_VALUE / 10) {
        return false;
      }
      value *= 10;
      if (value < Long.MIN_VALUE + digit) {
        return false;
      }
      value -= digit;
    }
    if (!negative) {
      if (value == Long.MIN_VALUE) {
        return false;
      }
      value = -value;
    }
    out[index] = value;
    return true;
  }

  /**
   * A decimal(precision, scale) as its unscaled long: more fraction digits than the scale round
   * HALF_UP; a value with more than {@code precision} digits at that scale is malformed.
   *
   * @throws ArithmeticException if the value fits the type but not in 64 bits (precision over 18)
   */
  static boolean parseDecimal(byte[] b, int from, int to, int precision, int scale, long[] out, int index) {
    int p = from;
    boolean negative = false;
    if (p < to && (b[p] == '-' || b[p] == '+')) {
      negative = b[p] == '-';
      p++;
    }
    long value = 0;
    int digits = 0;
    boolean anyDigit = false;
    for (; p < to; p++) {
      int digit = b[p] - '0';
      if (digit < 0 || digit > 9) {
        break;
      }
      anyDigit = true;
      if (value != 0 || digit != 0) {
        digits++;
        if (digits > 18) {
          return parseDecimalSlow(b, from, to, precision, scale, out, index);
        }
      }
      value = value * 10 + digit;
    }
    int fraction = 0;
    int roundDigit = 0;
    if (p < to && b[p] == '.') {
      p++;
      for (; p < to; p++) {
        int digit = b[p] - '0';
        if (digit < 0 || digit > 9) {
          break;
        }
        anyDigit = true;
        if (fraction < scale) {
          value = value * 10 + digit;
          fraction++;
          if (value != 0 && ++digits > 18) {
            return parseDecimalSlow(b, from, to, precision, scale, out, index);
          }
        } else if (fraction == scale) {
          roundDigit = digit;
          fraction++;
        }
      }
    }
    if (p != to || !anyDigit) {
      return parseDecimalSlow(b, from, to, precision, scale, out, index);
    }
    int padding = scale - Math.min(fraction, scale);
    if (value != 0 && digits + padding > 18) {
      return parseDecimalSlow(b, from, to, precision, scale, out, index);
    }
    value *= POW10[padding];
    if (roundDigit >= 5) {
      value++;
    }
    if (precision < 19 && value >= POW10[precision]) {
      return false;
    }
    out[index] = negative ? -value : value;
    return true;
  }

  private static boolean parseDecimalSlow(byte[] b, int from, int to, int precision, int scale, long[] out,
      int index) {
    BigDecimal decimal;
    try {
      decimal = new BigDecimal(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
    } catch (NumberFormatException e) {
      return false;
    }
    BigInteger unscaled = decimal.setScale(scale, RoundingMode.HALF_UP).unscaledValue();
    if (unscaled.abs().compareTo(BigInteger.TEN.pow(precision)) >= 0) {
      return false;
    }
    if (unscaled.bitLength() > 63) {
      throw new ArithmeticException("beyond the 18 significant digits the columnar path computes decimals in");
    }
    out[index] = unscaled.longValue();
    return true;
  }

  /** A float64 ({@code Double.parseDouble}'s form, plus {@code Inf} and {@code -Inf}). */
  static boolean parseDouble(byte[] b, int from, int to, double[] out, int index) {
    int p = from;
    boolean negative = false;
    if (p < to && (b[p] == '-' || b[p] == '+')) {
      negative = b[p] == '-';
      p++;
    }
    long mantissa = 0;
    int digits = 0;
    int fraction = 0;
    boolean anyDigit = false;
    for (; p < to; p++) {
      int digit = b[p] - '0';
      if (digit < 0 || digit > 9) {
        break;
      }
      anyDigit = true;
      mantissa = mantissa * 10 + digit;
      if (mantissa != 0 && ++digits > 15) {
        return parseDoubleSlow(b, from, to, out, index);
      }
    }
    if (p < to && b[p] == '.') {
      p++;
      for (; p < to; p++) {
        int digit = b[p] - '0';
        if (digit < 0 || digit > 9) {
          break;
        }
        anyDigit = true;
        mantissa = mantissa * 10 + digit;
        fraction++;
        if ((mantissa != 0 && ++digits > 15) || fraction > 22) {
          return parseDoubleSlow(b, from, to, out, index);
        }
      }
    }
    if (p != to || !anyDigit) {
      return parseDoubleSlow(b, from, to, out, index);
    }
    // exact: a mantissa below 2^53 and a power of ten up to 10^22 are both exact doubles, and one
    // IEEE division rounds correctly
    double value = (double) mantissa / POW10_DOUBLE[fraction];
    out[index] = negative ? -value : value;
    return true;
  }

  private static boolean parseDoubleSlow(byte[] b, int from, int to, double[] out, int index) {
    String text = new String(b, from, to - from, StandardCharsets.UTF_8);
    switch (text) {
      case "Inf" -> out[index] = Double.POSITIVE_INFINITY;
      case "-Inf" -> out[index] = Double.NEGATIVE_INFINITY;
      default -> {
        try {
          out[index] = Double.parseDouble(text);
        } catch (NumberFormatException e) {
          return false;
        }
      }
    }
    return true;
  }

  /** {@code true} or {@code false}, in any case. */
  static boolean parseBoolean(byte[] b, int from, int to, boolean[] out, int index) {
    int length = to - from;
    if (length == 4 && (b[from] | 0x20) == 't' && (b[from + 1] | 0x20) == 'r' && (b[from + 2] | 0x20) == 'u'
        && (b[from + 3] | 0x20) == 'e') {
      out[index] = true;
      return true;
    }
    if (length == 5 && (b[from] | 0x20) == 'f' && (b[from + 1] | 0x20) == 'a' && (b[from + 2] | 0x20) == 'l'
        && (b[from + 3] | 0x20) == 's' && (b[from + 4] | 0x20) == 'e') {
      out[index] = false;
      return true;
    }
    return false;
  }

  /** A date {@code yyyy-M-d} (month and day of one or two digits) as days since 1970-01-01. */
  static boolean parseDate(byte[] b, int from, int to, long[] out, int index) {
    if (to - from < 8 || to - from > 10) {
      return false;
    }
    int year = 0;
    for (int i = from; i < from + 4; i++) {
      int digit = b[i] - '0';
      if (digit < 0 || digit > 9) {
        return false;
      }
      year = year * 10 + digit;
    }
    int p = from + 4;
    if (b[p++] != '-') {
      return false;
    }
    int month = 0;
    int start = p;
    while (p < to && b[p] != '-') {
      int digit = b[p++] - '0';
      if (digit < 0 || digit > 9) {
        return false;
      }
      month = month * 10 + digit;
    }
    if (p - start < 1 || p - start > 2 || p == to) {
      return false;
    }
    p++;
    int day = 0;
    start = p;
    while (p < to) {
      int digit = b[p++] - '0';
      if (digit < 0 || digit > 9) {
        return false;
      }
      day = day * 10 + digit;
    }
    if (p - start < 1 || p - start > 2 || month < 1 || month > 12 || day < 1) {
      return false;
    }
    if (year >= TABLE_FIRST_YEAR && year < TABLE_FIRST_YEAR + TABLE_YEARS) {
      int y = year - TABLE_FIRST_YEAR;
      int[] monthStarts = LEAP[y] ? LEAP_MONTH_STARTS : MONTH_STARTS;
      if (day > monthStarts[month] - monthStarts[month - 1]) {
        return false;
      }
      out[index] = YEAR_STARTS[y] + monthStarts[month - 1] + day - 1;
      return true;
    }
    if (day > daysInMonth(year, month)) {
      return false;
    }
    out[index] = epochDay(year, month, day);
    return true;
  }

  private static int daysInMonth(int year, int month) {
    return switch (month) {
      case 2 -> isLeap(year) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  private static boolean isLeap(long year) {
    return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
  }

  /** Days since 1970-01-01 of a date with a non-negative year (LocalDate.toEpochDay's arithmetic). */
  static long epochDay(int year, int month, int day) {
    long y = year;
    long total = 365 * y + (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
    total += (367 * month - 362) / 12;
    total += day - 1;
    if (month > 2) {
      total--;
      if (!isLeap(year)) {
        total--;
      }
    }
    return total - DAYS_0000_TO_1970;
  }
}
