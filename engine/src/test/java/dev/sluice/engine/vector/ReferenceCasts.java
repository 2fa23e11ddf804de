package dev.sluice.engine.vector;

import dev.sluice.engine.types.DataType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Spark's non-ANSI CAST on one non-null Java value: the reference for the cast kernels. */
final class ReferenceCasts {
  private static final Pattern INTEGER = Pattern.compile("([+-]?)([0-9]*)(\\.[0-9]*)?");
  private static final Pattern DATE =
      Pattern.compile("([+-]?[0-9]{4,7})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?(?:[ T].*)?", Pattern.DOTALL);

  private ReferenceCasts() {}

  static Object cast(Object v, DataType from, DataType to) {
    if (from.equals(to)) {
      return v;
    }
    if (to instanceof DataType.Utf8) {
      if (v instanceof BigDecimal d) {
        return d.toPlainString();
      }
      return v.toString();
    }
    if (v instanceof String s) {
      return fromString(s, to);
    }
    if (v instanceof Boolean b) {
      return cast(b ? 1L : 0L, DataType.INT64, to);
    }
    if (to instanceof DataType.Bool) {
      if (v instanceof Double d) {
        return d != 0;
      }
      return toBig(v).signum() != 0;
    }
    if (v instanceof Double d) {
      if (to instanceof DataType.Int32) {
        return (int) (double) d;
      }
      if (to instanceof DataType.Int64) {
        return (long) (double) d;
      }
      if (d.isNaN() || d.isInfinite()) {
        return null;
      }
      return toDecimal(BigDecimal.valueOf(d), (DataType.Decimal) to);
    }
    BigDecimal exact = toBig(v);
    if (to instanceof DataType.Float64) {
      return exact.doubleValue();
    }
    if (to instanceof DataType.Int64) {
      return exact.toBigInteger().longValue();
    }
    if (to instanceof DataType.Int32) {
      return exact.toBigInteger().intValue();
    }
    return toDecimal(exact, (DataType.Decimal) to);
  }

  private static BigDecimal toBig(Object v) {
    if (v instanceof Integer i) {
      return BigDecimal.valueOf(i);
    }
    if (v instanceof Long l) {
      return BigDecimal.valueOf(l);
    }
    return (BigDecimal) v;
  }

  static BigDecimal toDecimal(BigDecimal value, DataType.Decimal target) {
    BigDecimal rounded = value.setScale(target.scale(), RoundingMode.HALF_UP);
    if (rounded.precision() - rounded.scale() > target.precision() - target.scale()) {
      return null;
    }
    return ReferenceEvaluator.checked(rounded);
  }

  private static Object fromString(String s, DataType to) {
    String trimmed = s.trim();
    if (to instanceof DataType.Int32 || to instanceof DataType.Int64) {
      Matcher m = INTEGER.matcher(trimmed);
      if (trimmed.isEmpty() || trimmed.equals("+") || trimmed.equals("-") || !m.matches()) {
        return null;
      }
      BigInteger value = m.group(2).isEmpty() ? BigInteger.ZERO : new BigInteger(m.group(2));
      if (m.group(1).equals("-")) {
        value = value.negate();
      }
      if (to instanceof DataType.Int32) {
        return value.bitLength() > 31 ? null : value.intValue();
      }
      return value.bitLength() > 63 ? null : value.longValue();
    }
    if (to instanceof DataType.Float64) {
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (Set.of("inf", "+inf", "infinity", "+infinity").contains(lower)) {
          return Double.POSITIVE_INFINITY;
        }
        if (Set.of("-inf", "-infinity").contains(lower)) {
          return Double.NEGATIVE_INFINITY;
        }
        return lower.equals("nan") ? Double.NaN : null;
      }
    }
    if (to instanceof DataType.Bool) {
      String lower = trimmed.toLowerCase(Locale.ROOT);
      if (Set.of("t", "true", "y", "yes", "1").contains(lower)) {
        return true;
      }
      return Set.of("f", "false", "n", "no", "0").contains(lower) ? false : null;
    }
    if (to instanceof DataType.Date32) {
      Matcher m = DATE.matcher(trimmed);
      if (!m.matches()) {
        return null;
      }
      try {
        return LocalDate.of(Integer.parseInt(m.group(1)), m.group(2) == null ? 1 : Integer.parseInt(m.group(2)),
            m.group(3) == null ? 1 : Integer.parseInt(m.group(3)));
      } catch (DateTimeException e) {
        return null;
      }
    }
    try {
      return toDecimal(new BigDecimal(trimmed), (DataType.Decimal) to);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
