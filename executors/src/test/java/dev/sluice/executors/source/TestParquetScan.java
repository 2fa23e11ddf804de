package dev.sluice.executors.source;

import static dev.sluice.executors.source.ScanHarness.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.physical.FileScanExec;
import dev.sluice.engine.plan.split.FileSplit;
import dev.sluice.engine.source.FileFormat;
import dev.sluice.engine.source.FileSource;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.BoolData;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.StringData;
import dev.sluice.engine.vector.VectorBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

class TestParquetScan {
  private static final Schema SCHEMA = new Schema(List.of(
      new Field("i32", DataType.INT32),
      new Field("i64", DataType.INT64),
      new Field("f64", DataType.FLOAT64),
      new Field("flag", DataType.BOOLEAN),
      new Field("s", DataType.UTF8),
      new Field("day", DataType.DATE32),
      new Field("price", DataType.decimal(15, 2))));

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

  /** Random rows with nulls in every column, as a batch and as the expected Java rows. */
  private static VectorBatch randomBatch(SplittableRandom random, int rows, List<List<Object>> expected) {
    long[] i32 = new long[rows];
    long[] i64 = new long[rows];
    double[] f64 = new double[rows];
    boolean[] flag = new boolean[rows];
    long[] day = new long[rows];
    long[] price = new long[rows];
    boolean[][] nulls = new boolean[7][rows];
    int[] offsets = new int[rows + 1];
    byte[] bytes;
    List<byte[]> strings = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < 7; c++) {
        nulls[c][r] = random.nextInt(8) == 0;
      }
      i32[r] = random.nextInt();
      i64[r] = random.nextLong();
      f64[r] = random.nextDouble() * 1e6 - 5e5;
      flag[r] = random.nextBoolean();
      day[r] = random.nextInt(-50_000, 50_000);
      price[r] = random.nextLong(-999_999_999_999_999L, 999_999_999_999_999L);
      String s = "v" + random.nextInt(1000) + "é".repeat(random.nextInt(3));
      strings.add(nulls[4][r] ? new byte[0] : s.getBytes(StandardCharsets.UTF_8));
      List<Object> row = new ArrayList<>(List.of((Object) (int) i32[r], i64[r], f64[r], flag[r], s,
          java.time.LocalDate.ofEpochDay(day[r]), java.math.BigDecimal.valueOf(price[r], 2)));
      for (int c = 0; c < 7; c++) {
        if (nulls[c][r]) {
          row.set(c, null);
        }
      }
      expected.add(row);
    }
    int total = 0;
    for (int r = 0; r < rows; r++) {
      total += strings.get(r).length;
      offsets[r + 1] = total;
    }
    bytes = new byte[total];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(strings.get(r), 0, bytes, offsets[r], strings.get(r).length);
    }
    List<ColumnData> columns = List.of(
        new LongData(DataType.INT32, i32, nulls[0], rows),
        new LongData(DataType.INT64, i64, nulls[1], rows),
        new DoubleData(f64, nulls[2], rows),
        new BoolData(flag, nulls[3], rows),
        new StringData(bytes, offsets, nulls[4], rows),
        new LongData(DataType.DATE32, day, nulls[5], rows),
        new LongData(DataType.decimal(15, 2), price, nulls[6], rows));
    return new VectorBatch(SCHEMA, columns, rows);
  }

  @Test
  void testReadsAllTypesWithNullsAndProjection() throws IOException {
    SplittableRandom random = new SplittableRandom(8);
    List<List<Object>> expected = new ArrayList<>();
    List<VectorBatch> batches = List.of(randomBatch(random, 1500, expected), randomBatch(random, 1, expected),
        randomBatch(random, 700, expected));
    ParquetFiles.write(allocator, directory, "all.parquet", SCHEMA, batches);

    FileSource source = FileSources.resolve(FileFormat.PARQUET, List.of(directory.toString()), Map.of(), null,
        allocator);
    assertThat(source.files()).hasSize(1);
    assertThat(source.schema().fields()).containsExactlyElementsOf(SCHEMA.fields());
    assertThat(ScanHarness.read(source, source.schema(), ScanHarness.wholeFiles(source), null, allocator, 512))
        .containsExactlyElementsOf(expected);

    Schema projected = ScanHarness.project(source, "price", "s", "i32");
    List<List<Object>> expectedProjection = expected.stream().map(r -> row(r.get(6), r.get(4), r.get(0))).toList();
    assertThat(ScanHarness.read(source, projected, ScanHarness.wholeFiles(source), null, allocator, 1000))
        .containsExactlyElementsOf(expectedProjection);

    ScanHarness.Result count = ScanHarness.run(source, new Schema(List.of()), ScanHarness.wholeFiles(source), null,
        allocator, 1000);
    assertThat(count.rows()).hasSize(expected.size());
  }

  @Test
  void testBatchesOutliveTheReaderAsACollectHoldsThem() throws IOException {
    SplittableRandom random = new SplittableRandom(5);
    List<List<Object>> expected = new ArrayList<>();
    ParquetFiles.write(allocator, directory, "held.parquet", SCHEMA, List.of(randomBatch(random, 900, expected),
        randomBatch(random, 300, expected)));
    FileSource source = FileSources.resolve(FileFormat.PARQUET, List.of(directory.toString()), Map.of(), null,
        allocator);
    FileScanExec node = new FileScanExec(new PlanNodeId(1), source, ScanHarness.wholeFiles(source), source.schema(),
        null);
    // all batches held to the end of the file (as a collect does), then one batch held past an early close
    try (BufferAllocator task = allocator.newChildAllocator("task", 0, Long.MAX_VALUE)) {
      List<Batch> held = new ArrayList<>();
      try (FileScanOperator operator = new FileScanOperator(node, OperatorContext.of("held", task, 256, 256))) {
        for (Batch batch = operator.next(); batch != null; batch = operator.next()) {
          held.add(batch);
        }
      }
      long rows = held.stream().mapToLong(Batch::rowCount).sum();
      held.forEach(Batch::close);
      assertThat(rows).isEqualTo(expected.size());
      Batch first;
      try (FileScanOperator operator = new FileScanOperator(node, OperatorContext.of("early", task, 256, 256))) {
        first = operator.next();
      }
      assertThat(first.rowCount()).isPositive();
      first.close();
    }
  }

  @Test
  void testOnlyTheSplitAtByteZeroReadsTheFile() throws IOException {
    List<List<Object>> expected = new ArrayList<>();
    ParquetFiles.write(allocator, directory, "one.parquet", SCHEMA,
        List.of(randomBatch(new SplittableRandom(1), 50, expected)));
    FileSource source = FileSources.resolve(FileFormat.PARQUET, List.of(directory.resolve("one.parquet").toString()),
        Map.of(), null, allocator);
    long size = source.fileSizes().get(0);
    String file = source.files().get(0);
    List<List<Object>> rows = ScanHarness.read(source, ScanHarness.project(source, "i64"),
        List.of(new FileSplit(file, 0, size / 2), new FileSplit(file, size / 2, size - size / 2)), null, allocator,
        64);
    assertThat(rows).containsExactlyElementsOf(expected.stream().map(r -> row(r.get(1))).toList());
  }

  @Test
  void testSeveralFilesAndDirectoriesSkippingMarkers() throws IOException {
    List<List<Object>> expected = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(2);
    Path nested = Files.createDirectories(directory.resolve("b c%20d"));
    ParquetFiles.write(allocator, directory, "a.parquet", SCHEMA, List.of(randomBatch(random, 30, expected)));
    ParquetFiles.write(allocator, nested, "c.parquet", SCHEMA, List.of(randomBatch(random, 20, expected)));
    Files.writeString(directory.resolve("_SUCCESS"), "");
    Files.writeString(nested.resolve(".crc"), "junk");
    FileSource source = FileSources.resolve(FileFormat.PARQUET, List.of(directory.toString()), Map.of(), null,
        allocator);
    assertThat(source.files()).containsExactly(directory.resolve("a.parquet").toString(),
        nested.resolve("c.parquet").toString());
    assertThat(ScanHarness.readAll(source, allocator)).containsExactlyElementsOf(expected);
  }

  @Test
  void testDeclaredSchemaThatDiffersFromTheFileFailsNamingTheColumn() throws IOException {
    ParquetFiles.write(allocator, directory, "x.parquet", SCHEMA,
        List.of(randomBatch(new SplittableRandom(3), 5, new ArrayList<>())));
    Schema wrong = new Schema(List.of(new Field("i32", DataType.INT64)));
    FileSource source = FileSources.resolve(FileFormat.PARQUET, List.of(directory.toString()), Map.of(), wrong,
        allocator);
    assertThatThrownBy(() -> ScanHarness.readAll(source, allocator))
        .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TYPE_MISMATCH))
        .hasMessageContaining("Column 'i32'").hasMessageContaining("is int32");
  }

  @Test
  void testNotParquetFailsWithTheFileName() throws IOException {
    Path bogus = directory.resolve("bogus.parquet");
    Files.writeString(bogus, "not parquet at all");
    assertThatThrownBy(() -> FileSources.resolve(FileFormat.PARQUET, List.of(bogus.toString()), Map.of(), null,
        allocator)).isInstanceOf(EngineException.class).hasMessageContaining(bogus.toString());
  }
}
