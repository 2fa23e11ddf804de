package dev.sluice.engine.vector;

import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random rows of every column type, with nulls (unless disabled) and the edge values
 * kernels get wrong: extreme integers, zeros, -0.0, NaN, non-ASCII and LIKE-special characters.
 */
final class RandomRows {
  static final String[] NAMES = {"i32", "i64", "f64", "b", "s", "d", "dec", "dec4", "i32z", "dec0", "f64z", "s2",
      "txt", "b2", "i64z"};
  static final DataType[] TYPES = {DataType.INT32, DataType.INT64, DataType.FLOAT64, DataType.BOOLEAN, DataType.UTF8,
      DataType.DATE32, DataType.decimal(15, 2), DataType.decimal(10, 4), DataType.INT32, DataType.decimal(5, 0),
      DataType.FLOAT64, DataType.UTF8, DataType.UTF8, DataType.BOOLEAN, DataType.INT64};
  private static final String[] PIECES = {"a", "b", "c", "ab", "%", "_", "\\", "é", "ß", "日本", "😀", "A", "Z", "0",
      "İ", "ǅ", "x"};
  private static final String[] TEXTS = {"123", " 45 ", "1.9", "-7", "+8", "abc", "1e3", "2020-01-05", "true", "YES",
      "n", "3.14159", "", " ", ".", "-.5", "99999999999", "-2147483648", "2147483648", "9223372036854775807",
      "9223372036854775808", "2021-2-29", "2020-02-29", "1999-12-31T23:59", "2001-07", "2024", "inf", "-Infinity",
      "NaN", "nan", "0x10", "1,5", "12345.678", "-0.005", "0.0049", "1999-13-01", "  2000-1-1  ", "+2000-01-01"};

  private RandomRows() {}

  static List<Field> fields() {
    List<Field> fields = new ArrayList<>();
    for (int c = 0; c < NAMES.length; c++) {
      fields.add(new Field(NAMES[c], TYPES[c]));
    }
    return fields;
  }

  static BoundRef ref(String name) {
    for (int c = 0; c < NAMES.length; c++) {
      if (NAMES[c].equals(name)) {
        return new BoundRef(c, name, TYPES[c]);
      }
    }
    throw new IllegalArgumentException(name);
  }

  /** A batch where every value is null. */
  static VectorBatch allNulls(int rows) {
    List<ColumnData> columns = new ArrayList<>();
    for (DataType type : TYPES) {
      columns.add(ColumnBuilder.column(type, new Object[rows]));
    }
    return ColumnBuilder.batch(fields(), columns);
  }

  static VectorBatch batch(long seed, int rows, boolean withNulls) {
    Random random = new Random(seed);
    List<ColumnData> columns = new ArrayList<>();
    for (int c = 0; c < NAMES.length; c++) {
      Object[] values = new Object[rows];
      for (int i = 0; i < rows; i++) {
        values[i] = withNulls && random.nextInt(7) == 0 ? null : value(c, random);
      }
      columns.add(ColumnBuilder.column(TYPES[c], values));
    }
    return ColumnBuilder.batch(fields(), columns);
  }

  private static Object value(int column, Random random) {
    switch (NAMES[column]) {
      case "i32": {
        int pick = random.nextInt(20);
        return pick == 0 ? Integer.MAX_VALUE : pick == 1 ? Integer.MIN_VALUE : random.nextInt(2001) - 1000;
      }
      case "i64": {
        int pick = random.nextInt(20);
        return pick == 0 ? Long.MAX_VALUE : pick == 1 ? Long.MIN_VALUE : random.nextLong() % 1_000_000_000L;
      }
      case "i32z":
        return random.nextInt(7) - 3;
      case "i64z":
        return (long) random.nextInt(5) - 2;
      case "f64": {
        int pick = random.nextInt(25);
        if (pick == 0) {
          return Double.NaN;
        }
        if (pick == 1) {
          return -0.0;
        }
        if (pick == 2) {
          return 1e300;
        }
        return (random.nextInt(2_000_001) - 1_000_000) / 100.0;
      }
      case "f64z":
        return (double) (random.nextInt(5) - 2) / 2;
      case "b":
      case "b2":
        return random.nextBoolean();
      case "s":
      case "s2": {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(NAMES[column].equals("s") ? 8 : 3);
        for (int k = 0; k < length; k++) {
          text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
      }
      case "txt":
        return TEXTS[random.nextInt(TEXTS.length)];
      case "d":
        return LocalDate.of(1900, 1, 1).plusDays(random.nextInt(200 * 366));
      case "dec":
        return BigDecimal.valueOf(random.nextLong() % 1_000_000_000L, 2);
      case "dec4":
        return BigDecimal.valueOf(random.nextLong() % 1_000_000_000L, 4);
      case "dec0":
        return BigDecimal.valueOf(random.nextInt(7) - 3);
      default:
        throw new IllegalArgumentException(NAMES[column]);
    }
  }
}
