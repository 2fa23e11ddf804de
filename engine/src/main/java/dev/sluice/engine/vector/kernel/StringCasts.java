package dev.sluice.engine.vector.kernel;

import dev.sluice.engine.types.DataType;
import dev.sluice.engine.vector.BoolData;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.CompiledExpression;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.StringData;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Casts from and to utf8, as Spark's non-ANSI {@code CAST}. Parsing trims whitespace and control
 * characters and gives null for text that does not parse: integers accept a sign and a fraction,
 * which is dropped ({@code '1.9'} is 1), and are null on overflow; float64 accepts Java's syntax
 * plus {@code inf}/{@code infinity}/{@code nan} in any case; decimals accept Java's
 * {@link BigDecimal} syntax; booleans accept {@code t, true, y, yes, 1} and
 * {@code f, false, n, no, 0} in any case; dates as {@link DateKernels#parseDate}. Formatting:
 * integers in decimal, float64 as {@link Double#toString(double)}, decimals in plain notation with
 * exactly {@code scale} fraction digits, booleans as {@code true}/{@code false}, dates as
 * {@code yyyy-MM-dd}.
 */
final class StringCasts {
  private StringCasts() {}

  static CompiledExpression fromString(DataType to, CompiledExpression child, String sql) {
    return input -> {
      StringData s = (StringData) child.evaluate(input);
      int rows = input.rowCount();
      boolean[] nulls = NullMasks.copy(s.nulls(), rows);
      byte[] bytes = s.bytes();
      int[] offsets = s.offsets();
      if (to instanceof DataType.Float64) {
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
          if (!nulls[i]) {
            double value = parseDouble(s.getString(i));
            nulls[i] = Double.isNaN(value) && !isNaNText(s.getString(i));
            out[i] = value;
          }
        }
        return new DoubleData(out, NullMasks.orNone(nulls, rows), rows);
      }
      if (to instanceof DataType.Bool) {
        boolean[] out = new boolean[rows];
        for (int i = 0; i < rows; i++) {
          if (!nulls[i]) {
            int value = parseBoolean(s.getString(i));
            nulls[i] = value < 0;
            out[i] = value == 1;
          }
        }
        return new BoolData(out, NullMasks.orNone(nulls, rows), rows);
      }
      long[] out = new long[rows];
      boolean integer = to instanceof DataType.Int32 || to instanceof DataType.Int64;
      for (int i = 0; i < rows; i++) {
        if (nulls[i]) {
          continue;
        }
        int from = offsets[i];
        int end = offsets[i + 1];
        long value;
        if (integer) {
          nulls[i] = !parseLong(bytes, from, end, to instanceof DataType.Int32, out, i);
          continue;
        } else if (to instanceof DataType.Date32) {
          value = DateKernels.parseDate(bytes, from, end);
        } else {
          value = parseDecimal(s.getString(i), (DataType.Decimal) to, sql);
        }
        nulls[i] = value == Long.MIN_VALUE;
        out[i] = value;
      }
      return new LongData(to, out, NullMasks.orNone(nulls, rows), rows);
    };
  }

  private static boolean isWhitespaceOrControl(byte b) {
    return b >= 0 && (b <= ' ' || b == 0x7f);
  }

  /**
   * Spark's {@code UTF8String.toLong}/{@code toInt}: an optional sign, digits, optionally a
   * {@code .} and more digits (dropped). Stores the value in {@code out[index]}; false when the
   * text does not parse or overflows.
   */
  static boolean parseLong(byte[] bytes, int from, int to, boolean int32, long[] out, int index) {
    while (from < to && isWhitespaceOrControl(bytes[from])) {
      from++;
    }
    while (to > from && isWhitespaceOrControl(bytes[to - 1])) {
      to--;
    }
    if (from == to) {
      return false;
    }
    boolean negative = bytes[from] == '-';
    if (negative || bytes[from] == '+') {
      if (to - from == 1) {
        return false;
      }
      from++;
    }
    long min = int32 ? Integer.MIN_VALUE : Long.MIN_VALUE;
    long stop = min / 10;
    long result = 0;
    int i = from;
    while (i < to) {
      byte b = bytes[i++];
      if (b == '.') {
        break;
      }
      if (b < '0' || b > '9' || result < stop) {
        return false;
      }
      result = result * 10 - (b - '0');
      if (result > 0 || result < min) {
        return false;
      }
    }
    while (i < to) {
      byte b = bytes[i++];
      if (b < '0' || b > '9') {
        return false;
      }
    }
    if (!negative) {
      result = -result;
      if (result < 0 || (int32 && result > Integer.MAX_VALUE)) {
        return false;
      }
    }
    out[index] = result;
    return true;
  }

  /** The double of a text, or NaN when it does not parse (see {@link #isNaNText}). */
  static double parseDouble(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      String special = text.trim().toLowerCase(java.util.Locale.ROOT);
      switch (special) {
        case "inf", "+inf", "infinity", "+infinity":
          return Double.POSITIVE_INFINITY;
        case "-inf", "-infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          return Double.NaN;
      }
    }
  }

  private static boolean isNaNText(String text) {
    String trimmed = text.trim();
    return trimmed.equalsIgnoreCase("nan") || trimmed.equals("NaN") || trimmed.equals("+NaN")
        || trimmed.equals("-NaN");
  }

  /** 1 for a true text, 0 for a false one, -1 otherwise. */
  static int parseBoolean(String text) {
    String value = text.trim().toLowerCase(java.util.Locale.ROOT);
    switch (value) {
      case "t", "true", "y", "yes", "1":
        return 1;
      case "f", "false", "n", "no", "0":
        return 0;
      default:
        return -1;
    }
  }

  private static long parseDecimal(String text, DataType.Decimal target, String sql) {
    BigDecimal value;
    try {
      value = new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      return Long.MIN_VALUE;
    }
    return CastKernel.bigToDecimal(value, target, sql);
  }

  static CompiledExpression toString(DataType from, CompiledExpression child) {
    return input -> {
      ColumnData column = child.evaluate(input);
      int rows = input.rowCount();
      boolean[] nulls = column.nulls();
      StringColumnBuilder out = new StringColumnBuilder(rows, rows * 8);
      for (int i = 0; i < rows; i++) {
        if (NullMasks.isNull(nulls, i)) {
          out.endNullRow();
          continue;
        }
        if (column instanceof LongData longs) {
          long value = longs.values()[i];
          if (from instanceof DataType.Date32) {
            DateKernels.formatDate(value, out);
          } else {
            appendDecimal(value, from instanceof DataType.Decimal d ? d.scale() : 0, out);
          }
        } else if (column instanceof DoubleData doubles) {
          byte[] text = Double.toString(doubles.values()[i]).getBytes(StandardCharsets.US_ASCII);
          out.append(text, 0, text.length);
        } else {
          byte[] text = ((BoolData) column).values()[i] ? TRUE : FALSE;
          out.append(text, 0, text.length);
        }
        out.endRow();
      }
      return out.build();
    };
  }

  private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

  /** An unscaled decimal in plain notation with {@code scale} fraction digits. */
  static void appendDecimal(long unscaled, int scale, StringColumnBuilder out) {
    if (unscaled == Long.MIN_VALUE || scale > 18) {
      byte[] text = BigDecimal.valueOf(unscaled, scale).toPlainString().getBytes(StandardCharsets.US_ASCII);
      out.append(text, 0, text.length);
      return;
    }
    if (unscaled < 0) {
      out.appendByte('-');
      unscaled = -unscaled;
    }
    long divisor = DecimalMath.POW10[scale];
    out.appendDigits(unscaled / divisor, 1);
    if (scale > 0) {
      out.appendByte('.');
      out.appendDigits(unscaled % divisor, scale);
    }
  }
}
