package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.batch.BatchCodec;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.physical.FileScanExec;
import dev.sluice.engine.plan.split.FileSplit;
import dev.sluice.engine.relational.LocalRelation;
import dev.sluice.engine.source.FileFormat;
import dev.sluice.engine.source.FileSource;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.BoolData;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.StringData;
import dev.sluice.engine.vector.VectorBatch;
import dev.sluice.executors.source.FileScanOperator;
import dev.sluice.executors.source.FileSources;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code df.write()} end to end: a DataFrame of random rows (every type, nulls, awkward strings)
 * written through the relational planner and the executors, then read back with Sluice's own file
 * reader (and the partition directories checked against the values).
 */
class TestDataFrameWrite {
  private static final Schema SCHEMA = new Schema(List.of(new Field("id", DataType.INT64),
      new Field("small", DataType.INT32), new Field("ratio", DataType.FLOAT64), new Field("flag", DataType.BOOLEAN),
      new Field("name", DataType.UTF8), new Field("day", DataType.DATE32), new Field("price", DataType.decimal(15, 2))));
  /** Strings that need quoting or escaping somewhere; no line breaks (CSV records are single lines when read). */
  private static final List<String> NAMES = List.of("plain", "a,b", "a|b", "say \"hi\"", "grüße", "x=1/y", "50%",
      "back\\slash", "tab\there", "");

  @TempDir
  Path parent;

  private Sluice sluice;
  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    sluice = Sluice.builder().master("local[2]").appName("TestDataFrameWrite").getOrCreate();
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
    sluice.close();
  }

  private static VectorBatch rows(Random random, long firstId, int count) {
    long[] ids = new long[count];
    long[] small = new long[count];
    double[] ratio = new double[count];
    boolean[] flag = new boolean[count];
    long[] day = new long[count];
    long[] price = new long[count];
    boolean[][] nulls = new boolean[7][count];
    ByteArrayOutputStream names = new ByteArrayOutputStream();
    int[] offsets = new int[count + 1];
    for (int i = 0; i < count; i++) {
      ids[i] = firstId + i;
      small[i] = random.nextInt(2001) - 1000;
      ratio[i] = random.nextInt(10) == 0 ? random.nextDouble() * 1e12 : random.nextDouble() * 100 - 50;
      flag[i] = random.nextBoolean();
      day[i] = random.nextInt(20000) - 1000;
      price[i] = random.nextLong() % 100_000_000_000L;
      for (int c = 1; c < 7; c++) {
        nulls[c][i] = random.nextInt(8) == 0;
      }
      if (!nulls[4][i]) {
        names.writeBytes(NAMES.get(random.nextInt(NAMES.size())).getBytes(StandardCharsets.UTF_8));
      }
      offsets[i + 1] = names.size();
    }
    List<ColumnData> columns = List.of(new LongData(DataType.INT64, ids, null, count),
        new LongData(DataType.INT32, small, nulls[1], count), new DoubleData(ratio, nulls[2], count),
        new BoolData(flag, nulls[3], count), new StringData(names.toByteArray(), offsets, nulls[4], count),
        new LongData(DataType.DATE32, day, nulls[5], count),
        new LongData(DataType.decimal(15, 2), price, nulls[6], count));
    return new VectorBatch(SCHEMA, columns, count);
  }

  /** A DataFrame of {@code sizes.length} partitions of random rows, and those rows. */
  private DataFrame frame(long seed, int[] sizes, List<List<Object>> expected) {
    Random random = new Random(seed);
    List<byte[]> partitions = new ArrayList<>();
    long id = 0;
    for (int size : sizes) {
      VectorBatch rows = rows(random, id, size);
      id += size;
      expected.addAll(objects(rows));
      try (Batch batch = ArrowColumns.write(rows, allocator)) {
        partitions.add(BatchCodec.encode(List.of(batch), allocator));
      }
    }
    return new DataFrame(sluice, new LocalRelation(SCHEMA, partitions));
  }

  private static List<List<Object>> objects(VectorBatch rows) {
    List<List<Object>> out = new ArrayList<>();
    for (int row = 0; row < rows.rowCount(); row++) {
      Object[] values = new Object[rows.columns().size()];
      for (int c = 0; c < values.length; c++) {
        values[c] = rows.column(c).getObject(row);
      }
      out.add(Arrays.asList(values));
    }
    return out;
  }

  /**
   * Every row of the files under {@code paths}, read by Sluice's own file reader (listing, schema,
   * scan operator), run here on the test thread, one whole-file split per file.
   */
  private List<List<Object>> read(FileFormat format, List<String> paths, Map<String, String> options, Schema schema) {
    FileSource source = FileSources.resolve(format, paths, options, schema, allocator);
    List<FileSplit> splits = new ArrayList<>();
    for (int i = 0; i < source.files().size(); i++) {
      splits.add(new FileSplit(source.files().get(i), 0, source.fileSizes().get(i)));
    }
    List<List<Object>> rows = new ArrayList<>();
    FileScanExec scan = new FileScanExec(new PlanNodeId(1), source, splits, source.schema(), null);
    try (FileScanOperator operator = new FileScanOperator(scan, OperatorContext.of("read", allocator, 4096, 4096))) {
      for (Batch batch = operator.next(); batch != null; batch = operator.next()) {
        try (Batch owned = batch) {
          rows.addAll(objects(ArrowColumns.read(owned)));
        }
      }
    }
    return rows;
  }

  private static List<String> names(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void testParquetWriteReadsBackTheRows() throws IOException {
    List<List<Object>> expected = new ArrayList<>();
    DataFrame frame = frame(21, new int[] {3000, 0, 1, 2500}, expected);
    Path target = parent.resolve("out");

    frame.write().parquet(target.toString());

    assertThat(names(target)).hasSize(4).contains("_SUCCESS");
    assertThat(read(FileFormat.PARQUET, List.of(target.toString()), Map.of(), null))
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(names(parent)).containsExactly("out");
  }

  @Test
  void testCsvWriteReadsBackTheRows() throws IOException {
    List<List<Object>> expected = new ArrayList<>();
    DataFrame frame = frame(22, new int[] {700, 900}, expected);
    Path target = parent.resolve("csv");

    frame.write().format("csv").option("header", true).option("delimiter", "|").save(target.toString());

    String first = Files.readString(target.resolve(names(target).get(1)));
    assertThat(first).startsWith("id|small|ratio|flag|name|day|price\n");
    List<List<Object>> back = read(FileFormat.CSV, List.of(target.toString()),
        Map.of("header", "true", "delimiter", "|"), SCHEMA);
    // a null is written as an empty field, an empty string quoted ("") as Spark does; Sluice's CSV
    // reader (like Spark's before 2.4) reads both as null
    List<List<Object>> emptyAsNull = new ArrayList<>();
    for (List<Object> row : expected) {
      List<Object> copy = new ArrayList<>(row);
      if ("".equals(copy.get(4))) {
        copy.set(4, null);
      }
      emptyAsNull.add(copy);
    }
    assertThat(back).containsExactlyInAnyOrderElementsOf(emptyAsNull);
    assertThat(first).contains("|\"\"|");
  }

  @Test
  void testPartitionByDirectoriesHoldTheirRows() throws IOException {
    List<List<Object>> expected = new ArrayList<>();
    DataFrame frame = frame(23, new int[] {1500, 1500}, expected);
    Path target = parent.resolve("parts");

    frame.write().partitionBy("name", "flag").parquet(target.toString());

    Map<String, List<List<Object>>> byDirectory = new TreeMap<>();
    for (List<Object> row : expected) {
      List<Object> data = new ArrayList<>(row);
      Object flag = data.remove(3);
      Object name = data.remove(3);
      byDirectory.computeIfAbsent((name == null || name.equals("") ? "__HIVE_DEFAULT_PARTITION__" : name) + "|"
          + (flag == null ? "__HIVE_DEFAULT_PARTITION__" : flag), key -> new ArrayList<>()).add(data);
    }
    Map<String, List<List<Object>>> actual = new TreeMap<>();
    for (String nameDirectory : names(target)) {
      if (nameDirectory.equals("_SUCCESS")) {
        continue;
      }
      assertThat(nameDirectory).startsWith("name=");
      String name = URLDecoder.decode(nameDirectory.substring(5).replace("+", "%2B"), StandardCharsets.UTF_8);
      for (String flagDirectory : names(target.resolve(nameDirectory))) {
        assertThat(flagDirectory).matches("flag=(true|false|__HIVE_DEFAULT_PARTITION__)");
        Path leaf = target.resolve(nameDirectory).resolve(flagDirectory);
        actual.computeIfAbsent(name + "|" + flagDirectory.substring(5), key -> new ArrayList<>())
            .addAll(read(FileFormat.PARQUET, List.of(leaf.toString()), Map.of(), null));
      }
    }
    assertThat(actual.keySet()).isEqualTo(byDirectory.keySet());
    for (Map.Entry<String, List<List<Object>>> directory : byDirectory.entrySet()) {
      assertThat(actual.get(directory.getKey())).as(directory.getKey())
          .containsExactlyInAnyOrderElementsOf(directory.getValue());
    }
    assertThat(names(target)).contains("name=x%3D1%2Fy", "name=50%25", "name=say %22hi%22");
  }

  @Test
  void testOverwriteThenAppendThroughTheDataFrame() {
    List<List<Object>> first = new ArrayList<>();
    List<List<Object>> second = new ArrayList<>();
    DataFrame one = frame(24, new int[] {400, 300}, first);
    DataFrame two = frame(25, new int[] {200}, second);
    Path target = parent.resolve("out");

    one.write().parquet(target.toString());
    two.write().mode("overwrite").parquet(target.toString());
    assertThat(read(FileFormat.PARQUET, List.of(target.toString()), Map.of(), null))
        .containsExactlyInAnyOrderElementsOf(second);

    one.write().mode(SaveMode.APPEND).parquet(target.toString());
    List<List<Object>> both = new ArrayList<>(second);
    both.addAll(first);
    assertThat(read(FileFormat.PARQUET, List.of(target.toString()), Map.of(), null))
        .containsExactlyInAnyOrderElementsOf(both);
  }
}
