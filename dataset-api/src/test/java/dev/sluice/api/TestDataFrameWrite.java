package dev.sluice.api;

import static dev.sluice.api.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code df.write()} end to end on the public API: DataFrames of random rows (every type, nulls,
 * awkward strings) written through the relational planner and the executors, read back with
 * {@code sluice.read()}, against the rows themselves (plain Java); the partition directories are
 * checked against the values; a job that fails mid-write leaves the target as it was.
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

  @BeforeEach
  void setUp() {
    sluice = Sluice.builder().master("local[2]").appName("TestDataFrameWrite")
        .config("sluice.task.maxAttempts", "2").getOrCreate();
  }

  @AfterEach
  void tearDown() {
    sluice.close();
  }

  /** {@code count} random rows as lists of values; about one value in eight is null. */
  private static List<List<Object>> rows(long seed, int count) {
    Random random = new Random(seed);
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Object[] row = {
          (long) i,
          random.nextInt(2001) - 1000,
          random.nextInt(10) == 0 ? random.nextDouble() * 1e12 : random.nextDouble() * 100 - 50,
          random.nextBoolean(),
          NAMES.get(random.nextInt(NAMES.size())),
          LocalDate.ofEpochDay(random.nextInt(20000) - 1000),
          BigDecimal.valueOf(random.nextLong() % 100_000_000_000L, 2)};
      for (int c = 1; c < row.length; c++) {
        if (random.nextInt(8) == 0) {
          row[c] = null;
        }
      }
      rows.add(Arrays.asList(row));
    }
    return rows;
  }

  private DataFrame frame(List<List<Object>> rows) {
    return sluice.createDataFrame(rows.stream().map(row -> Row.of(row.toArray())).toList(), SCHEMA);
  }

  private static List<List<Object>> values(DataFrame frame) {
    return frame.collectAsList().stream().map(Row::toList).toList();
  }

  private static List<String> names(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }

  private static Map<String, String> tree(Path directory) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.filter(Files::isRegularFile).toList()) {
        files.put(directory.relativize(path).toString(), Files.readString(path, StandardCharsets.ISO_8859_1));
      }
    }
    return files;
  }

  @Test
  void testParquetWriteReadsBackTheRows() throws IOException {
    List<List<Object>> rows = rows(21, 6000);
    Path target = parent.resolve("out");

    frame(rows).write().parquet(target.toString());

    assertThat(names(target)).hasSize(3).contains("_SUCCESS");
    assertThat(sluice.read().parquet(target.toString()).schema()).isEqualTo(SCHEMA);
    assertThat(values(sluice.read().parquet(target.toString()))).containsExactlyInAnyOrderElementsOf(rows);
    assertThat(names(parent)).containsExactly("out");
  }

  @Test
  void testCsvWriteReadsBackTheRows() throws IOException {
    List<List<Object>> rows = rows(22, 1600);
    Path target = parent.resolve("csv");

    frame(rows).write().format("csv").option("header", true).option("delimiter", "|").save(target.toString());

    String first = Files.readString(target.resolve(names(target).get(1)));
    assertThat(first).startsWith("id|small|ratio|flag|name|day|price\n").contains("|\"\"|").contains("\"a|b\"");
    List<List<Object>> back = values(sluice.read().schema(SCHEMA).option("header", "true")
        .option("delimiter", "|").csv(target.toString()));
    // a null is written as an empty field, an empty string quoted ("") as Spark does; Sluice's CSV
    // reader (like Spark's before 2.4) reads both as null
    List<List<Object>> emptyAsNull = new ArrayList<>();
    for (List<Object> row : rows) {
      List<Object> copy = new ArrayList<>(row);
      if ("".equals(copy.get(4))) {
        copy.set(4, null);
      }
      emptyAsNull.add(copy);
    }
    assertThat(back).containsExactlyInAnyOrderElementsOf(emptyAsNull);
  }

  @Test
  void testPartitionByOfAFilteredProjectionHoldsEachDirectorysRows() throws IOException {
    List<List<Object>> rows = rows(23, 3000);
    Path target = parent.resolve("parts");

    frame(rows).where(col("small").gt(0)).select("id", "name", "flag", "price").write()
        .partitionBy("name", "flag").parquet(target.toString());

    Map<String, List<List<Object>>> expected = new TreeMap<>();
    for (List<Object> row : rows) {
      if (row.get(1) == null || (int) row.get(1) <= 0) {
        continue;
      }
      Object name = row.get(4);
      Object flag = row.get(3);
      expected.computeIfAbsent((name == null || name.equals("") ? "__HIVE_DEFAULT_PARTITION__" : name) + "|"
          + (flag == null ? "__HIVE_DEFAULT_PARTITION__" : flag), key -> new ArrayList<>())
          .add(Arrays.asList(row.get(0), row.get(6)));
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
        DataFrame leaf = sluice.read().parquet(target.resolve(nameDirectory).resolve(flagDirectory).toString());
        assertThat(leaf.columns()).containsExactly("id", "price");
        actual.computeIfAbsent(name + "|" + flagDirectory.substring(5), key -> new ArrayList<>())
            .addAll(values(leaf));
      }
    }
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    for (Map.Entry<String, List<List<Object>>> directory : expected.entrySet()) {
      assertThat(actual.get(directory.getKey())).as(directory.getKey())
          .containsExactlyInAnyOrderElementsOf(directory.getValue());
    }
    assertThat(names(target)).contains("name=x%3D1%2Fy", "name=50%25", "name=say %22hi%22",
        "name=__HIVE_DEFAULT_PARTITION__");
  }

  @Test
  void testOverwriteThenAppend() {
    List<List<Object>> first = rows(24, 700);
    List<List<Object>> second = rows(25, 200);
    Path target = parent.resolve("out");

    frame(first).write().parquet(target.toString());
    frame(second).write().mode("overwrite").parquet(target.toString());
    assertThat(values(sluice.read().parquet(target.toString()))).containsExactlyInAnyOrderElementsOf(second);

    frame(first).write().mode(SaveMode.APPEND).parquet(target.toString());
    List<List<Object>> both = new ArrayList<>(second);
    both.addAll(first);
    assertThat(values(sluice.read().parquet(target.toString()))).containsExactlyInAnyOrderElementsOf(both);
    assertThatThrownBy(() -> frame(first).write().parquet(target.toString()))
        .satisfies(e -> assertThat(((EngineException) e).code()).isEqualTo(ErrorCode.OUTPUT_EXISTS));
  }

  @Test
  void testAFailingJobLeavesTheTargetAsItWas() throws IOException {
    Path target = parent.resolve("out");
    frame(rows(26, 300)).write().parquet(target.toString());
    Map<String, String> before = tree(target);
    DataFrame failing = sluice.range(0, 4000, 1, 4).map(x -> {
      if (x == 3999) {
        throw new IllegalStateException("injected failure at " + x);
      }
      return x;
    }).toDF();

    for (SaveMode mode : List.of(SaveMode.OVERWRITE, SaveMode.APPEND)) {
      assertThatThrownBy(() -> failing.write().mode(mode).parquet(target.toString()))
          .isInstanceOf(EngineException.class)
          .hasRootCauseMessage("injected failure at 3999");
      assertThat(tree(target)).isEqualTo(before);
      assertThat(names(parent)).containsExactly("out");
    }
  }
}
