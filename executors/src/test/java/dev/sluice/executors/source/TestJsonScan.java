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
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestJsonScan {
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
    return FileSources.resolve(FileFormat.JSON, List.of(path.toString()), options, schema, allocator);
  }

  @Test
  void testInferenceIsTheSortedUnionOfKeys() throws IOException {
    Path file = write("a.json", "{\"b\": 1, \"a\": \"x\", \"n\": null}\n"
        + "\n"
        + "{\"c\": 1.5, \"b\": 2, \"d\": true, \"e\": {\"k\": [1, 2]}, \"f\": 1}\n"
        + "{\"c\": 2, \"f\": \"mixed\", \"e\": [3]}\n");
    FileSource source = resolve(file, Map.of(), null);
    assertThat(source.schema().fields()).containsExactly(new Field("a", DataType.UTF8),
        new Field("b", DataType.INT64), new Field("c", DataType.FLOAT64), new Field("d", DataType.BOOLEAN),
        new Field("e", DataType.UTF8), new Field("f", DataType.UTF8), new Field("n", DataType.UTF8));
    assertThat(ScanHarness.readAll(source, allocator)).containsExactly(
        row("x", 1L, null, null, null, null, null),
        row(null, 2L, 1.5, true, "{\"k\": [1, 2]}", "1", null),
        row(null, null, 2.0, null, "[3]", "mixed", null));
    assertThat(ScanHarness.read(source, ScanHarness.project(source, "e", "b"), allocator)).containsExactly(
        row(null, 1L), row("{\"k\": [1, 2]}", 2L), row("[3]", null));
  }

  @Test
  void testDeclaredSchemaConvertsDecimalsDatesAndIntegers() throws IOException {
    Path file = write("d.json", "{\"p\": 12.345, \"d\": \"2021-03-04\", \"i\": 7, \"s\": \"q\\\"\\u00e9\"}\n"
        + "{\"p\": \"1.5\", \"d\": null, \"i\": -2147483648, \"x\": {\"ignored\": true}}\n");
    Schema schema = new Schema(List.of(new Field("p", DataType.decimal(10, 2)), new Field("d", DataType.DATE32),
        new Field("i", DataType.INT32), new Field("s", DataType.UTF8)));
    FileSource source = resolve(file, Map.of(), schema);
    assertThat(ScanHarness.readAll(source, allocator)).containsExactly(
        row(new BigDecimal("12.35"), LocalDate.of(2021, 3, 4), 7, "q\"é"),
        row(new BigDecimal("1.50"), null, Integer.MIN_VALUE, null));
  }

  private static final String BAD = "{\"id\": 1, \"v\": 1.5}\n"
      + "{\"id\": 2, \"v\": \"abc\"}\n"
      + "{\"id\": 3, \"v\": 3.5\n"
      + "[1, 2]\n"
      + "{\"id\": 99999999999, \"v\": 5}\n"
      + "{\"id\": 6, \"v\": 6} trailing\n"
      + "{\"id\": 7}\n";

  private static final Schema BAD_SCHEMA = new Schema(List.of(new Field("id", DataType.INT32),
      new Field("v", DataType.FLOAT64), new Field("_corrupt_record", DataType.UTF8)));

  @Test
  void testPermissive() throws IOException {
    FileSource source = resolve(write("bad.json", BAD), Map.of(), BAD_SCHEMA);
    assertThat(ScanHarness.readAll(source, allocator)).containsExactly(
        row(1, 1.5, null),
        row(2, null, "{\"id\": 2, \"v\": \"abc\"}"),
        row(null, null, "{\"id\": 3, \"v\": 3.5"),
        row(null, null, "[1, 2]"),
        row(null, 5.0, "{\"id\": 99999999999, \"v\": 5}"),
        row(null, null, "{\"id\": 6, \"v\": 6} trailing"),
        row(7, null, null));
  }

  @Test
  void testInferenceAddsTheCorruptColumnUnderPermissiveOnly() throws IOException {
    Path file = write("bad.json", BAD);
    assertThat(resolve(file, Map.of(), null).schema().fields()).containsExactly(
        new Field("_corrupt_record", DataType.UTF8), new Field("id", DataType.INT64), new Field("v", DataType.UTF8));
    assertThat(resolve(file, Map.of("mode", "DROPMALFORMED", "columnNameOfCorruptRecord", "bad"), null)
        .schema().fields()).containsExactly(new Field("id", DataType.INT64), new Field("v", DataType.UTF8));
    assertThatThrownBy(() -> resolve(file, Map.of("mode", "failfast"), null))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_RECORD))
        .hasMessageStartingWith("Malformed JSON record in " + file + " line 3: ");
  }

  @Test
  void testDropMalformed() throws IOException {
    FileSource source = resolve(write("bad.json", BAD), Map.of("mode", "DROPMALFORMED"), BAD_SCHEMA);
    ScanHarness.Result result = ScanHarness.run(source, source.schema(), ScanHarness.wholeFiles(source), null,
        allocator, 3);
    assertThat(result.rows()).containsExactly(row(1, 1.5, null), row(7, null, null));
    assertThat(result.dropped()).isEqualTo(5);
  }

  @Test
  void testFailFast() throws IOException {
    Path file = write("bad.json", BAD);
    FileSource source = resolve(file, Map.of("mode", "FAILFAST"), BAD_SCHEMA);
    assertThatThrownBy(() -> ScanHarness.readAll(source, allocator))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_RECORD))
        .hasMessage("Malformed JSON record in " + file + " line 2, column 'v': expected float64, got 'abc'");
    long start = BAD.indexOf("[1");
    assertThatThrownBy(() -> ScanHarness.read(source, source.schema(),
        List.of(new FileSplit(file.toString(), start, 1)), null, allocator, 10))
        .hasMessage("Malformed JSON record in " + file + " line 4: not a JSON object");
    long big = BAD.indexOf("{\"id\": 9");
    assertThatThrownBy(() -> ScanHarness.read(source, source.schema(),
        List.of(new FileSplit(file.toString(), big, 1)), null, allocator, 10))
        .hasMessage("Malformed JSON record in " + file + " line 5, column 'id': expected int32, got 99999999999");
  }

  @Test
  void testSplitsGiveEachRecordOnce() throws IOException {
    StringBuilder content = new StringBuilder();
    List<List<Object>> expected = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      content.append("{\"i\": ").append(i).append(", \"s\": \"").append("x".repeat(i % 5)).append("\"}\n");
      expected.add(row((long) i, "x".repeat(i % 5)));
    }
    Path file = write("s.json", content.toString());
    FileSource source = resolve(file, Map.of(), null);
    long size = Files.size(file);
    for (long cut = 0; cut <= size; cut += 3) {
      List<List<Object>> rows = new ArrayList<>(ScanHarness.read(source, source.schema(),
          List.of(new FileSplit(file.toString(), 0, cut)), null, allocator, 4));
      rows.addAll(ScanHarness.read(source, source.schema(),
          List.of(new FileSplit(file.toString(), cut, size - cut)), null, allocator, 4));
      assertThat(rows).as("split at %d", cut).containsExactlyElementsOf(expected);
    }
  }
}
