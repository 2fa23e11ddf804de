package dev.sluice.engine.vector.kernel;

import dev.sluice.engine.expr.ScalarFunction;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.vector.CompiledExpression;
import dev.sluice.engine.vector.LongData;

/**
 * Date functions on date32 (days since 1970-01-01, proleptic Gregorian): {@code year},
 * {@code month}, {@code dayofmonth}, {@code date_add}, {@code datediff}, and the civil-calendar
 * arithmetic behind them and behind date casts (Howard Hinnant's {@code civil_from_days} /
 * {@code days_from_civil}: a few integer operations per row, no {@code LocalDate}).
 */
public final class DateKernels {
  private DateKernels() {}

  /** The kernel of a date function over its compiled arguments. */
  public static CompiledExpression create(ScalarFunction function, CompiledExpression[] args) {
    return switch (function) {
      case YEAR, MONTH, DAY_OF_MONTH -> field(function, args[0]);
      case DATE_ADD -> binary(true, args[0], args[1]);
      case DATE_DIFF -> binary(false, args[0], args[1]);
      default -> throw new IllegalArgumentException(function + " is not a date function");
    };
  }

  private static CompiledExpression field(ScalarFunction function, CompiledExpression child) {
    return input -> {
      LongData a = (LongData) child.evaluate(input);
      int rows = input.rowCount();
      long[] days = a.values();
      long[] out = new long[rows];
      for (int i = 0; i < rows; i++) {
        long civil = civilFromDays(days[i]);
        out[i] = switch (function) {
          case YEAR -> civil >> 9;
          case MONTH -> (civil >> 5) & 15;
          default -> civil & 31;
        };
      }
      return new LongData(DataType.INT32, out, a.nulls(), rows);
    };
  }

  /** {@code date_add(date, days)} when {@code add}, else {@code datediff(end, start)}. */
  private static CompiledExpression binary(boolean add, CompiledExpression left, CompiledExpression right) {
    DataType type = add ? DataType.DATE32 : DataType.INT32;
    if (right instanceof ConstantKernel constant) {
      long k = constant.longValue();
      return input -> {
        LongData a = (LongData) left.evaluate(input);
        int rows = input.rowCount();
        long[] x = a.values();
        long[] out = new long[rows];
        for (int i = 0; i < rows; i++) {
          out[i] = (int) (add ? x[i] + k : x[i] - k);
        }
        return new LongData(type, out, a.nulls(), rows);
      };
    }
    return input -> {
      LongData a = (LongData) left.evaluate(input);
      LongData b = (LongData) right.evaluate(input);
      int rows = input.rowCount();
      long[] x = a.values();
      long[] y = b.values();
      long[] out = new long[rows];
      for (int i = 0; i < rows; i++) {
        out[i] = (int) (add ? x[i] + y[i] : x[i] - y[i]);
      }
      return new LongData(type, out, NullMasks.or(a.nulls(), b.nulls(), rows), rows);
    };
  }

  /**
   * The civil date of an epoch day, packed as {@code year << 9 | month << 5 | day} (year may be
   * negative; month 1..12, day 1..31).
   */
  static long civilFromDays(long epochDay) {
    long z = epochDay + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long dayOfEra = z - era * 146097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long shiftedMonth = (5 * dayOfYear + 2) / 153;
    long day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
    long month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    return (year << 9) | (month << 5) | day;
  }

  /** The epoch day of a valid civil date. */
  static long daysFromCivil(long year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
  }

  static int daysInMonth(long year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /**
   * Parses a date as Spark's {@code CAST(string AS DATE)}: after trimming whitespace,
   * {@code [+-]yyyy[y..]}, {@code yyyy-[m]m} or {@code yyyy-[m]m-[d]d} (a 4 to 7 digit year),
   * optionally followed by {@code ' '} or {@code 'T'} and anything. Returns the epoch day, or {@link Long#MIN_VALUE}
   * when the text is not a valid date.
   */
  static long parseDate(byte[] bytes, int from, int to) {
    while (from < to && (bytes[from] & 0xff) <= ' ') {
      from++;
    }
    while (to > from && (bytes[to - 1] & 0xff) <= ' ') {
      to--;
    }
    int sign = 1;
    if (from < to && (bytes[from] == '-' || bytes[from] == '+')) {
      sign = bytes[from] == '-' ? -1 : 1;
      from++;
    }
    int[] segments = {0, 1, 1};
    int segment = 0;
    int digits = 0;
    int i = from;
    for (; i < to; i++) {
      byte b = bytes[i];
      if (b >= '0' && b <= '9') {
        segments[segment] = segments[segment] * (digits == 0 && segment > 0 ? 0 : 10) + (b - '0');
        digits++;
        if ((segment == 0 && digits > 7) || (segment > 0 && digits > 2)) {
          return Long.MIN_VALUE;
        }
      } else if (b == '-' && segment < 2) {
        if (segment == 0 ? digits < 4 : digits < 1) {
          return Long.MIN_VALUE;
        }
        segment++;
        digits = 0;
      } else if (b == ' ' || b == 'T') {
        break;
      } else {
        return Long.MIN_VALUE;
      }
    }
    if (segment == 0 ? digits < 4 : digits < 1) {
      return Long.MIN_VALUE;
    }
    long year = (long) sign * segments[0];
    int month = segments[1];
    int day = segments[2];
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
      return Long.MIN_VALUE;
    }
    return daysFromCivil(year, month, day);
  }

  /** Writes an epoch day as {@code yyyy-MM-dd} (ISO: {@code +yyyyy} beyond 9999, {@code -yyyy} before 0). */
  static void formatDate(long epochDay, StringColumnBuilder out) {
    long civil = civilFromDays(epochDay);
    long year = civil >> 9;
    int month = (int) ((civil >> 5) & 15);
    int day = (int) (civil & 31);
    if (year > 9999) {
      out.appendByte('+');
    }
    if (year < 0) {
      out.appendByte('-');
    }
    long absYear = Math.abs(year);
    if (absYear < 1000) {
      out.appendDigits(absYear, 4);
    } else {
      out.appendDigits(absYear, 1);
    }
    out.appendByte('-');
    out.appendDigits(month, 2);
    out.appendByte('-');
    out.appendDigits(day, 2);
  }
}
