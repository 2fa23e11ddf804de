package dev.sluice.executors.source;

import static dev.sluice.executors.source.ScanHarness.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.plan.split.FileSplit;
import dev.sluice.engine.source.FileFormat;
import dev.sluice.engine.source.FileSource;
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
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCsvScan {
  private static final Schema LINE_SCHEMA = new Schema(List.of(
      new Field("id", DataType.INT64),
      new Field("qty", DataType.INT32),
      new Field("price", DataType.decimal(15, 2)),
      new Field("day", DataType.DATE32),
      new Field("ratio", DataType.FLOAT64),
      new Field("flag", DataType.BOOLEAN),
      new Field("name", DataType.UTF8)));

  @TempDir Path directory;
  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private Path write(String name, String content) throws IOException {
    Path file = directory.resolve(name);
    Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    return file;
  }

  private FileSource resolve(Path path, Map<String, String> options, Schema schema) {
    return FileSources.resolve(FileFormat.CSV, List.of(path.toString()), options, schema, allocator);
  }

  @Test
  void testHeaderAndNoHeaderGiveNamesAndUtf8Columns() throws IOException {
    Path file = write("a.csv", "x,y\n1,a\n2,b\n");
    FileSource withHeader = resolve(file, Map.of("header", "true"), null);
    assertThat(withHeader.schema().fields()).containsExactly(new Field("x", DataType.UTF8),
        new Field("y", DataType.UTF8));
    assertThat(ScanHarness.readAll(withHeader, allocator)).containsExactly(row("1", "a"), row("2", "b"));

    FileSource noHeader = resolve(file, Map.of(), null);
    assertThat(noHeader.schema().fields()).containsExactly(new Field("_c0", DataType.UTF8),
        new Field("_c1", DataType.UTF8));
    assertThat(ScanHarness.readAll(noHeader, allocator)).containsExactly(row("x", "y"), row("1", "a"),
        row("2", "b"));
  }

  @Test
  void testPipeDelimiterExplicitSchemaDecimalsDatesAndNulls() throws IOException {
    Path file = write("l.csv", "id|qty|price|day|ratio|flag|name\n"
        + "1|17|21168.23|1996-03-13|0.5|true|alpha\n"
        + "2||-0.5|1996-2-1|1e3|FALSE|\n"
        + "9223372036854775807|-2147483648|12.345|2000-02-29|-0.0|false|bc\"d\n"
        + "\r\n"
        + "3|0|7|1970-01-01|NaN|True|x y\r\n");
    FileSource source = resolve(file, Map.of("header", "true", "delimiter", "|"), LINE_SCHEMA);
    List<List<Object>> rows = ScanHarness.readAll(source, allocator);
    assertThat(rows).containsExactly(
        row(1L, 17, new BigDecimal("21168.23"), LocalDate.of(1996, 3, 13), 0.5, true, "alpha"),
        row(2L, null, new BigDecimal("-0.50"), LocalDate.of(1996, 2, 1), 1000.0, false, null),
        row(Long.MAX_VALUE, Integer.MIN_VALUE, new BigDecimal("12.35"), LocalDate.of(2000, 2, 29), -0.0, false,
            "bc\"d"),
        row(3L, 0, new BigDecimal("7.00"), LocalDate.of(1970, 1, 1), Double.NaN, true, "x y"));
  }

  @Test
  void testQuotedFields() throws IOException {
    Path file = write("q.csv", "\"a,b\",\"say \"\"hi\"\"\",\"\"\n"
        + "plain,\"\",x\"y\n"
        + "\"\"\"\",\"1\",\"\"\"x\"\"\"\n");
    FileSource source = resolve(file, Map.of(), null);
    assertThat(ScanHarness.readAll(source, allocator)).containsExactly(
        row("a,b", "say \"hi\"", null),
        row("plain", null, "x\"y"),
        row("\"", "1", "\"x\""));
  }

  @Test
  void testNullValueOption() throws IOException {
    Path file = write("n.csv", "1,NA,\n2,x,NA\n");
    Schema schema = new Schema(List.of(new Field("a", DataType.INT32), new Field("b", DataType.UTF8),
        new Field("c", DataType.UTF8)));
    FileSource source = resolve(file, Map.of("nullValue", "NA"), schema);
    assertThat(ScanHarness.readAll(source, allocator)).containsExactly(row(1, null, ""), row(2, "x", null));
  }

  @Test
  void testInferSchema() throws IOException {
    Path file = write("i.csv", "a,b,c,d,e,f,g,h\n"
        + "1,1,1.5,true,2020-01-31,x,,3000000000\n"
        + "2,3000000000,2,FALSE,2021-12-01,1,,1\n"
        + "-3,,,,,,,\n");
    FileSource source = resolve(file, Map.of("header", "true", "inferSchema", "true"), null);
    assertThat(source.schema().fields()).containsExactly(
        new Field("a", DataType.INT32), new Field("b", DataType.INT64), new Field("c", DataType.FLOAT64),
        new Field("d", DataType.BOOLEAN), new Field("e", DataType.DATE32), new Field("f", DataType.UTF8),
        new Field("g", DataType.UTF8), new Field("h", DataType.INT64));
    assertThat(ScanHarness.read(source, ScanHarness.project(source, "b", "e", "a"), allocator)).containsExactly(
        row(1L, LocalDate.of(2020, 1, 31), 1), row(3_000_000_000L, LocalDate.of(2021, 12, 1), 2),
        row(null, null, -3));
  }

  @Test
  void testProjectionReadsOnlyRequestedColumnsInRequestedOrder() throws IOException {
    Path file = write("p.csv", "1|x|1.00\n2|y|2.50\n");
    Schema schema = new Schema(List.of(new Field("k", DataType.INT64), new Field("s", DataType.UTF8),
        new Field("m", DataType.decimal(5, 2))));
    FileSource source = resolve(file, Map.of("sep", "|"), schema);
    assertThat(ScanHarness.read(source, ScanHarness.project(source, "m", "k"), allocator))
        .containsExactly(row(new BigDecimal("1.00"), 1L), row(new BigDecimal("2.50"), 2L));
    List<List<Object>> counted = ScanHarness.read(source, new Schema(List.of()), allocator);
    assertThat(counted).hasSize(2);
  }

  @Test
  void testSplitsAtEveryByteOffsetGiveExactlyTheRowsOfAWholeRead() throws IOException {
    SplittableRandom random = new SplittableRandom(11);
    StringBuilder content = new StringBuilder("id|price|day|name\n");
    for (int i = 0; i < 40; i++) {
      if (i % 13 == 5) {
        content.append("\n");
      }
      String name = random.nextInt(4) == 0 ? "\"q|" + i + "\"" : "n" + "é".repeat(random.nextInt(3));
      content.append(i).append('|').append(random.nextInt(100_000)).append('.').append(random.nextInt(10))
          .append('|').append(LocalDate.ofEpochDay(random.nextInt(20_000))).append('|').append(name)
          .append(i % 7 == 0 ? "\r\n" : "\n");
    }
    content.setLength(content.length() - 1);
    Path file = write("s.csv", content.toString());
    Schema schema = new Schema(List.of(new Field("id", DataType.INT64), new Field("price", DataType.decimal(9, 2)),
        new Field("day", DataType.DATE32), new Field("name", DataType.UTF8)));
    FileSource source = resolve(file, Map.of("header", "true", "delimiter", "|"), schema);
    List<List<Object>> whole = ScanHarness.readAll(source, allocator);
    assertThat(whole).hasSize(40);
    long size = Files.size(file);
    for (long cut = 0; cut <= size; cut++) {
      List<List<Object>> rows = new ArrayList<>(ScanHarness.read(source, schema,
          List.of(new FileSplit(file.toString(), 0, cut)), null, allocator, 3));
      rows.addAll(ScanHarness.read(source, schema, List.of(new FileSplit(file.toString(), cut, size - cut)), null,
          allocator, 5));
      assertThat(rows).as("split at byte %d", cut).containsExactlyElementsOf(whole);
    }
    for (long first = 0; first <= size; first += 37) {
      for (long second = first; second <= size; second += 41) {
        List<List<Object>> rows = new ArrayList<>();
        rows.addAll(ScanHarness.read(source, schema, List.of(new FileSplit(file.toString(), 0, first)), null,
            allocator, 4));
        rows.addAll(ScanHarness.read(source, schema,
            List.of(new FileSplit(file.toString(), first, second - first)), null, allocator, 4));
        rows.addAll(ScanHarness.read(source, schema,
            List.of(new FileSplit(file.toString(), second, size - second)), null, allocator, 4));
        assertThat(rows).as("splits at %d and %d", first, second).containsExactlyElementsOf(whole);
      }
    }
  }

  private static final String BAD_ROWS = "id|price|day\n"
      + "1|1.50|2020-01-01\n"
      + "2|abc|2020-01-02\n"
      + "3|3.00\n"
      + "4|4.00|2020-01-04|extra\n"
      + "5|5.00|2020-02-30\n"
      + "6|\"6.00|2020-01-06\n"
      + "7|7.00|2020-01-07\n";

  private static final Schema BAD_SCHEMA = new Schema(List.of(new Field("id", DataType.INT64),
      new Field("price", DataType.decimal(15, 2)), new Field("day", DataType.DATE32)));

  @Test
  void testPermissiveKeepsBadRowsWithNullsAndTheCorruptRecord() throws IOException {
    Path file = write("bad.csv", BAD_ROWS);
    List<Field> fields = new ArrayList<>(BAD_SCHEMA.fields());
    fields.add(new Field("_corrupt_record", DataType.UTF8));
    FileSource source = resolve(file, Map.of("header", "true", "sep", "|"), new Schema(fields));
    assertThat(ScanHarness.readAll(source, allocator)).containsExactly(
        row(1L, new BigDecimal("1.50"), LocalDate.of(2020, 1, 1), null),
        row(2L, null, LocalDate.of(2020, 1, 2), "2|abc|2020-01-02"),
        row(3L, new BigDecimal("3.00"), null, "3|3.00"),
        row(4L, new BigDecimal("4.00"), LocalDate.of(2020, 1, 4), "4|4.00|2020-01-04|extra"),
        row(5L, new BigDecimal("5.00"), null, "5|5.00|2020-02-30"),
        row(null, null, null, "6|\"6.00|2020-01-06"),
        row(7L, new BigDecimal("7.00"), LocalDate.of(2020, 1, 7), null));
    // without the corrupt-record column the bad rows stay, with nulls
    FileSource plain = resolve(file, Map.of("header", "true", "sep", "|", "mode", "permissive"), BAD_SCHEMA);
    assertThat(ScanHarness.read(plain, ScanHarness.project(plain, "id", "day"), allocator)).containsExactly(
        row(1L, LocalDate.of(2020, 1, 1)), row(2L, LocalDate.of(2020, 1, 2)), row(3L, null),
        row(4L, LocalDate.of(2020, 1, 4)), row(5L, null), row(null, null), row(7L, LocalDate.of(2020, 1, 7)));
  }

  @Test
  void testDropMalformedDropsAndCountsBadRows() throws IOException {
    Path file = write("bad.csv", BAD_ROWS);
    FileSource source = resolve(file, Map.of("header", "true", "sep", "|", "mode", "DROPMALFORMED"), BAD_SCHEMA);
    ScanHarness.Result result = ScanHarness.run(source, source.schema(), ScanHarness.wholeFiles(source), null,
        allocator, 2);
    assertThat(result.rows()).containsExactly(
        row(1L, new BigDecimal("1.50"), LocalDate.of(2020, 1, 1)),
        row(7L, new BigDecimal("7.00"), LocalDate.of(2020, 1, 7)));
    assertThat(result.dropped()).isEqualTo(5);
    // a field that is not read is not checked (Spark's column pruning does the same)
    ScanHarness.Result ids = ScanHarness.run(source, ScanHarness.project(source, "id"),
        ScanHarness.wholeFiles(source), null, allocator, 100);
    assertThat(ids.rows()).containsExactly(row(1L), row(2L), row(5L), row(7L));
    assertThat(ids.dropped()).isEqualTo(3);
  }

  @Test
  void testFailFastNamesFileLineColumnAndExpectedType() throws IOException {
    Path file = write("bad.csv", BAD_ROWS);
    FileSource source = resolve(file, Map.of("header", "true", "sep", "|", "mode", "FAILFAST"), BAD_SCHEMA);
    assertThatThrownBy(() -> ScanHarness.readAll(source, allocator))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_RECORD))
        .hasMessage("Malformed CSV record in " + file + " line 3, column 'price': expected decimal(15,2), got 'abc'");
    // a split that starts after the bad rows still counts lines from the file start
    long start = BAD_ROWS.indexOf("5|");
    assertThatThrownBy(() -> ScanHarness.read(source, source.schema(),
        List.of(new FileSplit(file.toString(), start, Files.size(file) - start)), null, allocator, 10))
        .hasMessage("Malformed CSV record in " + file + " line 6, column 'day': expected date32, got '2020-02-30'");
    long fewer = BAD_ROWS.indexOf("3|");
    assertThatThrownBy(() -> ScanHarness.read(source, source.schema(),
        List.of(new FileSplit(file.toString(), fewer - 3, 10)), null, allocator, 10))
        .hasMessage("Malformed CSV record in " + file + " line 4: expected 3 fields, got 2");
    long quote = BAD_ROWS.indexOf("6|");
    assertThatThrownBy(() -> ScanHarness.read(source, source.schema(),
        List.of(new FileSplit(file.toString(), quote, 3)), null, allocator, 10))
        .hasMessageStartingWith("Malformed CSV record in " + file + " line 7, column 'price': a quoted field");
  }

  @Test
  void testDecimalRoundingPrecisionAndOverflow() throws IOException {
    Path file = write("d.csv", "0.125\n-0.125\n999.994\n999.995\n1e2\n.5\n1000\n");
    Schema schema = new Schema(List.of(new Field("d", DataType.decimal(5, 2))));
    FileSource source = resolve(file, Map.of(), schema);
    assertThat(ScanHarness.readAll(source, allocator)).containsExactly(row(new BigDecimal("0.13")),
        row(new BigDecimal("-0.13")), row(new BigDecimal("999.99")), row((Object) null),
        row(new BigDecimal("100.00")), row(new BigDecimal("0.50")), row((Object) null));
    Path wide = write("w.csv", "12345678901234567890\n");
    FileSource wideSource = resolve(wide, Map.of(), new Schema(List.of(new Field("d", DataType.decimal(30, 0)))));
    assertThatThrownBy(() -> ScanHarness.readAll(wideSource, allocator))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NUMERIC_OVERFLOW))
        .hasMessageContaining("column 'd' (decimal(30,0))").hasMessageContaining("line 1");
  }

  @Test
  void testManyFilesManyBatchesAgainstReference() throws IOException {
    SplittableRandom random = new SplittableRandom(5);
    List<List<Object>> expected = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    for (int f = 0; f < 3; f++) {
      StringBuilder content = new StringBuilder("id,price,day,name\n");
      int rows = f == 1 ? 0 : 1000 + random.nextInt(500);
      for (int i = 0; i < rows; i++) {
        long id = random.nextLong();
        BigDecimal price = random.nextInt(10) == 0 ? null
            : BigDecimal.valueOf(random.nextLong(-10_000_000_000L, 10_000_000_000L), 2);
        LocalDate day = LocalDate.ofEpochDay(random.nextInt(-30_000, 30_000));
        String name = random.nextInt(10) == 0 ? null : "s" + random.nextInt();
        expected.add(row(id, price, day, name));
        content.append(id).append(',').append(price == null ? "" : price.toPlainString()).append(',').append(day)
            .append(',').append(name == null ? "" : name).append('\n');
      }
      paths.add(write("m" + f + ".csv", content.toString()).toString());
    }
    Schema schema = new Schema(List.of(new Field("id", DataType.INT64), new Field("price", DataType.decimal(15, 2)),
        new Field("day", DataType.DATE32), new Field("name", DataType.UTF8)));
    FileSource source = FileSources.resolve(FileFormat.CSV, List.of(directory.toString()), Map.of("header", "true"),
        schema, allocator);
    assertThat(source.files()).hasSize(3);
    ScanHarness.Result result = ScanHarness.run(source, schema, ScanHarness.wholeFiles(source), null, allocator, 256);
    assertThat(result.rows()).containsExactlyElementsOf(expected);
    assertThat(result.batches()).isGreaterThan(8);
  }
}
