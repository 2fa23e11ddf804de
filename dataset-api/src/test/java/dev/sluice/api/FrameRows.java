package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Seeded rows for the DataFrame tests (every column type, about a tenth of the values null, a
 * small key domain so groups and joins have duplicates), the same rows as CSV and JSON files, and
 * helpers to compare results with plain-Java references.
 */
final class FrameRows {
  /** id int64 (unique, never null), k int32 in [0, 10), g utf8 of 5 values, x int64, d float64 (eighths), m decimal(15,2), t date, b boolean. */
  static final Schema FACTS = new Schema(List.of(new Field("id", DataType.INT64), new Field("k", DataType.INT32),
      new Field("g", DataType.UTF8), new Field("x", DataType.INT64), new Field("d", DataType.FLOAT64),
      new Field("m", DataType.decimal(15, 2)), new Field("t", DataType.DATE32), new Field("b", DataType.BOOLEAN)));
  static final String FACTS_DDL = "id BIGINT, k INT, g STRING, x BIGINT, d DOUBLE, m DECIMAL(15,2), t DATE, b BOOLEAN";

  static final int ID = 0;
  static final int K = 1;
  static final int G = 2;
  static final int X = 3;
  static final int D = 4;
  static final int M = 5;
  static final int T = 6;
  static final int B = 7;

  private FrameRows() {}

  static List<Row> facts(long seed, int count) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Row> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      rows.add(new Row(new Object[] {
          (long) i,
          maybe(random, random.nextInt(10)),
          maybe(random, "g" + random.nextInt(5)),
          maybe(random, random.nextLong(-1000, 1000)),
          maybe(random, random.nextInt(-8000, 8000) / 8.0),
          maybe(random, BigDecimal.valueOf(random.nextLong(-100_000, 100_000), 2)),
          maybe(random, LocalDate.of(1994, 1, 1).plusDays(random.nextInt(730))),
          maybe(random, random.nextBoolean())}, FACTS));
    }
    return rows;
  }

  private static Object maybe(SplittableRandom random, Object value) {
    return random.nextInt(10) == 0 ? null : value;
  }

  /** The rows as CSV files (header, {@code |}-delimited, empty for null), {@code files} files. */
  static Path writeCsv(Path directory, List<Row> rows, int files) throws IOException {
    Files.createDirectories(directory);
    for (int f = 0; f < files; f++) {
      StringBuilder text = new StringBuilder("id|k|g|x|d|m|t|b\n");
      for (int r = rows.size() * f / files; r < rows.size() * (f + 1) / files; r++) {
        List<Object> values = rows.get(r).toList();
        for (int c = 0; c < values.size(); c++) {
          Object value = values.get(c);
          text.append(c == 0 ? "" : "|").append(value == null ? "" : value instanceof BigDecimal m
              ? m.toPlainString() : value.toString());
        }
        text.append('\n');
      }
      Files.writeString(directory.resolve("part-" + f + ".csv"), text, StandardCharsets.UTF_8);
    }
    return directory;
  }

  /** The rows as newline-delimited JSON (nulls left out), {@code files} files. */
  static Path writeJson(Path directory, List<Row> rows, int files) throws IOException {
    Files.createDirectories(directory);
    for (int f = 0; f < files; f++) {
      StringBuilder text = new StringBuilder();
      for (int r = rows.size() * f / files; r < rows.size() * (f + 1) / files; r++) {
        List<Object> values = rows.get(r).toList();
        StringBuilder object = new StringBuilder("{");
        for (int c = 0; c < values.size(); c++) {
          Object value = values.get(c);
          if (value == null) {
            continue;
          }
          String json = value instanceof String || value instanceof LocalDate ? "\"" + value + "\""
              : value instanceof BigDecimal m ? m.toPlainString() : value.toString();
          object.append(object.length() == 1 ? "" : ",").append('"').append(FACTS.fields().get(c).name())
              .append("\":").append(json);
        }
        text.append(object).append("}\n");
      }
      Files.writeString(directory.resolve("part-" + f + ".json"), text, StandardCharsets.UTF_8);
    }
    return directory;
  }

  /** A row of values (no schema), for expected results. */
  static Row row(Object... values) {
    return RowFactory.create(values);
  }

  static List<Row> map(List<Row> rows, Function<Row, Row> function) {
    List<Row> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(function.apply(r)));
    return out;
  }

  /** Asserts the same rows in any order. */
  static void assertSameRows(List<Row> actual, List<Row> expected) {
    assertThat(sortedRows(actual)).containsExactlyElementsOf(sortedRows(expected));
  }

  static List<Row> sortedRows(List<Row> rows) {
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing(Row::toString));
    return sorted;
  }

  /** Compares two nullable values as a sort does: nulls first. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compareNullsFirst(Object left, Object right) {
    if (left == null || right == null) {
      return left == null ? (right == null ? 0 : -1) : 1;
    }
    return ((Comparable) left).compareTo(right);
  }
}
