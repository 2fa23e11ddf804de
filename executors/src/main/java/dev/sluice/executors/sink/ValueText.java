package dev.sluice.executors.sink;

import dev.sluice.engine.types.DataType;
import dev.sluice.engine.vector.BoolData;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.StringData;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The text of a value as written files show it, as Spark casts values to strings: integers in
 * decimal digits, decimals in plain notation with all their scale digits ({@code 12.50}, never an
 * exponent), dates as {@code yyyy-MM-dd}, doubles as {@link Double#toString(double)} ({@code 1.0},
 * {@code 1.0E10}, {@code NaN}), booleans as {@code true}/{@code false}, strings as they are. Used
 * for CSV fields and Hive partition directory names.
 */
final class ValueText {
  private ValueText() {}

  /** The text of row {@code row}, which must not be null. */
  static String of(ColumnData column, int row) {
    if (column instanceof LongData longs) {
      long value = longs.values()[row];
      DataType type = longs.type();
      if (type instanceof DataType.Date32) {
        return LocalDate.ofEpochDay(value).toString();
      }
      if (type instanceof DataType.Decimal decimal) {
        return BigDecimal.valueOf(value, decimal.scale()).toPlainString();
      }
      return Long.toString(value);
    }
    if (column instanceof DoubleData doubles) {
      return Double.toString(doubles.values()[row]);
    }
    if (column instanceof BoolData bools) {
      return bools.values()[row] ? "true" : "false";
    }
    return ((StringData) column).getString(row);
  }
}
