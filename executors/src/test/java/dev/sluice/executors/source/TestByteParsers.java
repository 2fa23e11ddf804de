package dev.sluice.executors.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TestByteParsers {
  private static final SplittableRandom RANDOM = new SplittableRandom(42);

  /** Parses within padding so that offsets are exercised. */
  private static byte[] padded(String text) {
    return ("#" + text + "#").getBytes(StandardCharsets.UTF_8);
  }

  private static Long int64(String text) {
    byte[] b = padded(text);
    long[] out = new long[1];
    return ByteParsers.parseInt64(b, 1, b.length - 1, out, 0) ? out[0] : null;
  }

  private static Long int32(String text) {
    byte[] b = padded(text);
    long[] out = new long[1];
    return ByteParsers.parseInt32(b, 1, b.length - 1, out, 0) ? out[0] : null;
  }

  private static Double float64(String text) {
    byte[] b = padded(text);
    double[] out = new double[1];
    return ByteParsers.parseDouble(b, 1, b.length - 1, out, 0) ? out[0] : null;
  }

  private static Long decimal(String text, int precision, int scale) {
    byte[] b = padded(text);
    long[] out = new long[1];
    return ByteParsers.parseDecimal(b, 1, b.length - 1, precision, scale, out, 0) ? out[0] : null;
  }

  private static Long date(String text) {
    byte[] b = padded(text);
    long[] out = new long[1];
    return ByteParsers.parseDate(b, 1, b.length - 1, out, 0) ? out[0] : null;
  }

  private static Long referenceLong(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Long referenceDecimal(String text, int precision, int scale) {
    try {
      BigDecimal value = new BigDecimal(text).setScale(scale, RoundingMode.HALF_UP);
      return value.unscaledValue().abs().compareTo(BigInteger.TEN.pow(precision)) >= 0 ? null
          : value.unscaledValue().longValueExact();
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Test
  void testIntegersAgainstLongParseLong() {
    for (String text : List.of("0", "-0", "+5", "-", "+", "", "12a", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "-9223372036854775809", "00012", " 1", "1 ", "99999999999999999999")) {
      assertThat(int64(text)).as(text).isEqualTo(referenceLong(text));
    }
    for (int i = 0; i < 100_000; i++) {
      String text = Long.toString(RANDOM.nextLong() >> RANDOM.nextInt(64));
      assertThat(int64(text)).as(text).isEqualTo(Long.parseLong(text));
    }
    assertThat(int32("2147483647")).isEqualTo(2147483647L);
    assertThat(int32("2147483648")).isNull();
    assertThat(int32("-2147483648")).isEqualTo(-2147483648L);
    assertThat(int32("-2147483649")).isNull();
  }

  @Test
  void testDoublesAgainstDoubleParseDouble() {
    for (String text : List.of("0", "-0", "-0.0", "1.5", ".5", "5.", "1e10", "1E-5", "NaN", "Infinity", "-Infinity",
        "123456789012345", "1234567890123456789", "0.1", "0.30000000000000004", "1.7976931348623157E308",
        "4.9e-324", "0.000000000000000000000000001", " 2", "1d")) {
      assertThat(float64(text)).as(text).isEqualTo(Double.valueOf(Double.parseDouble(text)));
    }
    assertThat(float64("Inf")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(float64("-Inf")).isEqualTo(Double.NEGATIVE_INFINITY);
    for (String text : List.of("", "-", ".", "abc", "1.2.3", "--1")) {
      assertThat(float64(text)).as(text).isNull();
    }
    for (int i = 0; i < 100_000; i++) {
      String text = switch (i % 3) {
        case 0 -> Double.toString(RANDOM.nextDouble() * Math.pow(10, RANDOM.nextInt(-5, 15)));
        case 1 -> BigDecimal.valueOf(RANDOM.nextLong(-1_000_000_000_000L, 1_000_000_000_000L), RANDOM.nextInt(8))
            .toPlainString();
        default -> RANDOM.nextInt(-99999, 99999) + "." + "0".repeat(RANDOM.nextInt(3)) + RANDOM.nextInt(1000);
      };
      assertThat(float64(text)).as(text).isEqualTo(Double.valueOf(Double.parseDouble(text)));
    }
  }

  @Test
  void testDecimalsAgainstBigDecimalHalfUp() {
    for (String text : List.of("0", "-0.00", "1", "1.", ".5", "-.5", "0.125", "0.135", "-0.125", "0.1249",
        "99999.994", "99999.995", "1e3", "1.5E-1", "abc", "", "-", "1.2.3", "+7.1", "0000000000000000000000001.25",
        "1.00000000000000000000000000001", "0.000000000000000000000000005")) {
      assertThat(decimal(text, 7, 2)).as(text).isEqualTo(referenceDecimal(text, 7, 2));
    }
    for (int i = 0; i < 100_000; i++) {
      int precision = RANDOM.nextInt(1, 19);
      int scale = RANDOM.nextInt(0, precision + 1);
      BigDecimal value = BigDecimal.valueOf(RANDOM.nextLong() >> RANDOM.nextInt(64), RANDOM.nextInt(0, 12));
      String text = RANDOM.nextBoolean() ? value.toPlainString() : value.toString();
      assertThat(decimal(text, precision, scale)).as("%s as decimal(%d,%d)", text, precision, scale)
          .isEqualTo(referenceDecimal(text, precision, scale));
    }
    assertThat(decimal("123456789012345678", 38, 0)).isEqualTo(123456789012345678L);
    assertThatThrownBy(() -> decimal("12345678901234567890", 38, 0)).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void testDatesAgainstLocalDate() {
    DateTimeFormatter format = DateTimeFormatter.ofPattern("uuuu-M-d");
    for (String text : List.of("1970-01-01", "2000-02-29", "1900-02-29", "2024-1-5", "2024-12-31", "2024-13-01",
        "2024-00-10", "2024-04-31", "0001-01-01", "9999-12-31", "2024-01-1x", "2024/01/01", "24-01-01",
        "2024-01-", "")) {
      Long expected;
      try {
        expected = LocalDate.parse(text, format.withResolverStyle(java.time.format.ResolverStyle.STRICT))
            .toEpochDay();
      } catch (DateTimeParseException e) {
        expected = null;
      }
      assertThat(date(text)).as(text).isEqualTo(expected);
    }
    assertThat(date("2024-001-01")).as("three-digit month").isNull();
    for (int i = 0; i < 100_000; i++) {
      LocalDate day = LocalDate.ofEpochDay(RANDOM.nextLong(LocalDate.of(1, 1, 1).toEpochDay(),
          LocalDate.of(9999, 12, 31).toEpochDay()));
      assertThat(date(day.toString())).as(day.toString()).isEqualTo(day.toEpochDay());
    }
  }
}
