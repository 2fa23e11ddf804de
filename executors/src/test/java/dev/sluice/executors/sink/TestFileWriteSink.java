package dev.sluice.executors.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.TaskSink;
import dev.sluice.engine.source.FileFormat;
import dev.sluice.engine.vector.VectorBatch;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write sink against plain-Java references: CSV text formatted row by row from the values,
 * Parquet read back through arrow-dataset, partition directories computed from the values.
 */
class TestFileWriteSink {
  private static final int PARTITION = 3;
  private static final int ATTEMPT = 1;

  @TempDir
  Path temp;

  private Path staging;
  private BufferAllocator allocator;

  @BeforeEach
  void setUp() throws IOException {
    allocator = new RootAllocator();
    staging = Files.createDirectory(temp.resolve(".out-staging"));
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private OperatorContext context(long budget) {
    return new OperatorContext("job-0/stage-0/task-3.1", allocator, 1024, 65536, budget, temp.resolve("spill"));
  }

  /** Runs the sink over {@code batches}; returns the relative paths it answered. */
  private List<String> write(FileFormat format, List<Integer> partitionColumns, Map<String, String> options,
      List<VectorBatch> batches, long budget) {
    FileWriteSink sink = new FileWriteSink(new TaskSink.WriteFiles(format, staging.toString(), partitionColumns,
        options), PARTITION, ATTEMPT);
    byte[] answer;
    try (VectorBatchSource input = new VectorBatchSource(batches, allocator)) {
      answer = sink.drain(input, context(budget));
    }
    assertThat(sink.rows()).isEqualTo(batches.stream().mapToLong(VectorBatch::rowCount).sum());
    assertThat(allocator.getAllocatedMemory()).isZero();
    String text = new String(answer, StandardCharsets.UTF_8);
    return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
  }

  /** Every regular file under the staging directory, relative, sorted. */
  private List<String> filesInStaging() throws IOException {
    try (Stream<Path> paths = Files.walk(staging)) {
      return paths.filter(Files::isRegularFile).map(path -> staging.relativize(path).toString()).sorted().toList();
    }
  }

  // ---- reference formatting, independent of the writer's: from getObject values ----

  private static String csvField(Object value, char delimiter) {
    if (value == null) {
      return "";
    }
    String text = value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
    boolean quote = (value instanceof String && text.isEmpty()) || text.indexOf(delimiter) >= 0
        || text.contains("\"") || text.contains("\n") || text.contains("\r");
    return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }

  private static String csvLine(List<Object> row, char delimiter) {
    return row.stream().map(value -> csvField(value, delimiter)).collect(Collectors.joining(String.valueOf(delimiter)));
  }

  @Test
  void testCsvWritesEveryValueAsSparkFormatsIt() throws IOException {
    List<VectorBatch> batches = WriteTestData.batches(11, 3000);
    List<String> files = write(FileFormat.CSV, List.of(), Map.of("header", "true", "sep", "|"), batches,
        Long.MAX_VALUE);

    assertThat(files).containsExactly("part-00003-1-c000.csv");
    assertThat(filesInStaging()).containsExactlyElementsOf(files);
    StringBuilder expected = new StringBuilder("id|small|ratio|flag|name|day|price\n");
    for (List<Object> row : WriteTestData.objects(batches)) {
      expected.append(csvLine(row, '|')).append('\n');
    }
    assertThat(Files.readString(staging.resolve(files.get(0)))).isEqualTo(expected.toString());
  }

  @Test
  void testCsvEdgeValues() throws IOException {
    VectorBatch rows = WriteTestData.rows(new java.util.Random(5), 0, 200);
    List<String> files = write(FileFormat.CSV, List.of(), Map.of(), List.of(rows), Long.MAX_VALUE);

    List<String> lines = new ArrayList<>();
    for (List<Object> row : WriteTestData.objects(List.of(rows))) {
      lines.add(csvLine(row, ','));
    }
    String text = Files.readString(staging.resolve(files.get(0)));
    assertThat(text).isEqualTo(String.join("\n", lines) + "\n");
    // spot checks of the rules themselves, independent of the reference above
    assertThat(text).contains("\"a,b\"").contains("\"say \"\"hi\"\"\"").contains("\"line\nbreak\"")
        .contains(",\"\",").contains("a|b").doesNotContain("\"plain\"");
  }

  @Test
  void testCsvFormatsDatesDecimalsAndDoublesPlainly() throws IOException {
    VectorBatch rows = new VectorBatch(WriteTestData.SCHEMA, List.of(
        new dev.sluice.engine.vector.LongData(dev.sluice.engine.types.DataType.INT64, new long[] {1}, null, 1),
        new dev.sluice.engine.vector.LongData(dev.sluice.engine.types.DataType.INT32, new long[] {-7}, null, 1),
        new dev.sluice.engine.vector.DoubleData(new double[] {1e10}, null, 1),
        new dev.sluice.engine.vector.BoolData(new boolean[] {true}, null, 1),
        new dev.sluice.engine.vector.StringData(new byte[0], new int[] {0, 0}, new boolean[] {true}, 1),
        new dev.sluice.engine.vector.LongData(dev.sluice.engine.types.DataType.DATE32,
            new long[] {LocalDate.of(1998, 9, 2).toEpochDay()}, null, 1),
        new dev.sluice.engine.vector.LongData(dev.sluice.engine.types.DataType.decimal(15, 2), new long[] {-5}, null,
            1)), 1);
    List<String> files = write(FileFormat.CSV, List.of(), Map.of("nullValue", "NULL"), List.of(rows),
        Long.MAX_VALUE);
    assertThat(Files.readString(staging.resolve(files.get(0)))).isEqualTo("1,-7,1.0E10,true,NULL,1998-09-02,-0.05\n");
  }

  @Test
  void testParquetRoundTripsEveryType() throws Exception {
    List<VectorBatch> batches = WriteTestData.batches(12, 5000);
    List<String> files = write(FileFormat.PARQUET, List.of(), Map.of(), batches, Long.MAX_VALUE);

    assertThat(files).containsExactly("part-00003-1-c000.parquet");
    assertThat(filesInStaging()).containsExactlyElementsOf(files);
    List<String> names = new ArrayList<>();
    List<List<Object>> back = WriteTestData.readParquet(staging.resolve(files.get(0)).toUri().toString(), allocator,
        names);
    assertThat(names).containsExactly("id", "small", "ratio", "flag", "name", "day", "price");
    assertThat(back).containsExactlyElementsOf(WriteTestData.objects(batches));
  }

  @Test
  void testParquetBeyondTheBufferBudgetWritesSeveralFiles() throws Exception {
    List<VectorBatch> batches = WriteTestData.batches(13, 6000);
    List<String> files = write(FileFormat.PARQUET, List.of(), Map.of(), batches, 64 << 10);

    assertThat(files).hasSizeGreaterThan(2);
    assertThat(filesInStaging()).containsExactlyInAnyOrderElementsOf(files);
    List<List<Object>> back = new ArrayList<>();
    for (String file : files) {
      back.addAll(WriteTestData.readParquet(staging.resolve(file).toUri().toString(), allocator, new ArrayList<>()));
    }
    assertThat(back).containsExactlyElementsOf(WriteTestData.objects(batches));
    assertThat(Files.list(temp.resolve("spill")).toList()).as("scratch directories removed").isEmpty();
  }

  @Test
  void testEmptyInputWritesNoFile() throws IOException {
    assertThat(write(FileFormat.PARQUET, List.of(), Map.of(), List.of(), Long.MAX_VALUE)).isEmpty();
    assertThat(write(FileFormat.CSV, List.of(4), Map.of("header", "true"),
        List.of(WriteTestData.rows(new java.util.Random(1), 0, 0)), Long.MAX_VALUE)).isEmpty();
    assertThat(filesInStaging()).isEmpty();
  }

  /** The expected directory of a row: Hive style, escaped, null and empty as the default partition. */
  private static String directory(List<Object> row) {
    Object name = row.get(4);
    Object flag = row.get(3);
    String nameValue = name == null || name.toString().isEmpty() ? "__HIVE_DEFAULT_PARTITION__"
        : name.toString().replace("%", "%25").replace("\n", "%0A").replace("\r", "%0D").replace("\"", "%22")
            .replace("\\", "%5C").replace("=", "%3D").replace("/", "%2F");
    return "name=" + nameValue + "/flag=" + (flag == null ? "__HIVE_DEFAULT_PARTITION__" : flag);
  }

  private static List<Object> withoutPartitionColumns(List<Object> row) {
    List<Object> data = new ArrayList<>(row);
    data.remove(4);
    data.remove(3);
    return data;
  }

  @Test
  void testPartitionByWritesHiveDirectoriesWithoutThePartitionColumns() throws Exception {
    List<VectorBatch> batches = WriteTestData.batches(14, 4000);
    Map<String, List<List<Object>>> expected = new TreeMap<>();
    for (List<Object> row : WriteTestData.objects(batches)) {
      expected.computeIfAbsent(directory(row), d -> new ArrayList<>()).add(withoutPartitionColumns(row));
    }
    List<String> files = write(FileFormat.PARQUET, List.of(4, 3), Map.of(), batches, Long.MAX_VALUE);

    assertThat(filesInStaging()).containsExactlyInAnyOrderElementsOf(files);
    Map<String, List<List<Object>>> actual = new TreeMap<>();
    for (String file : files) {
      String directory = file.substring(0, file.lastIndexOf('/'));
      assertThat(file.substring(file.lastIndexOf('/') + 1)).matches("part-00003-1-c\\d{3}\\.parquet");
      List<String> names = new ArrayList<>();
      actual.computeIfAbsent(directory, d -> new ArrayList<>()).addAll(
          WriteTestData.readParquet(staging.resolve(file).toUri().toString(), allocator, names));
      assertThat(names).containsExactly("id", "small", "ratio", "day", "price");
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(actual.keySet()).contains("name=x%3D1%2Fy/flag=true", "name=50%25/flag=false",
        "name=__HIVE_DEFAULT_PARTITION__/flag=true", "name=say %22hi%22/flag=__HIVE_DEFAULT_PARTITION__");
  }

  @Test
  void testCsvPartitionByWithMoreDirectoriesThanOpenFiles() throws IOException {
    List<VectorBatch> batches = WriteTestData.batches(15, 800);
    // partition by the int32 column: hundreds of values, far more than the open-file limit
    List<String> files = write(FileFormat.CSV, List.of(1), Map.of("header", "true"), batches, Long.MAX_VALUE);

    Map<String, List<String>> expected = new TreeMap<>();
    for (List<Object> row : WriteTestData.objects(batches)) {
      List<Object> data = new ArrayList<>(row);
      Object small = data.remove(1);
      expected.computeIfAbsent("small=" + (small == null ? "__HIVE_DEFAULT_PARTITION__" : small),
          d -> new ArrayList<>()).addAll(Arrays.asList(csvLine(data, ',').split("\n")));
    }
    Map<String, List<String>> actual = new TreeMap<>();
    for (String file : files) {
      List<String> lines = new ArrayList<>(Arrays.asList(Files.readString(staging.resolve(file)).split("\n", -1)));
      assertThat(lines.remove(0)).isEqualTo("id,ratio,flag,name,day,price");
      assertThat(lines.remove(lines.size() - 1)).isEmpty();
      actual.computeIfAbsent(file.substring(0, file.indexOf('/')), d -> new ArrayList<>()).addAll(lines);
    }
    // a directory's rows may be split over several files when its file was closed meanwhile; rows
    // with a quoted line break count as two lines on both sides
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    for (Map.Entry<String, List<String>> directory : expected.entrySet()) {
      assertThat(actual.get(directory.getKey())).containsExactlyInAnyOrderElementsOf(directory.getValue());
    }
    assertThat(files.size()).isGreaterThan(expected.size());
    assertThat(filesInStaging()).containsExactlyInAnyOrderElementsOf(files);
  }

  @Test
  void testFailingInputFreesBufferedRows() {
    List<VectorBatch> batches = WriteTestData.batches(16, 2000);
    FileWriteSink sink = new FileWriteSink(new TaskSink.WriteFiles(FileFormat.PARQUET, staging.toString(),
        List.of(4), Map.of()), PARTITION, ATTEMPT);
    IllegalStateException boom = new IllegalStateException("boom");
    try (VectorBatchSource input = new VectorBatchSource(batches, allocator, 3, boom)) {
      assertThatThrownBy(() -> sink.drain(input, context(Long.MAX_VALUE))).isSameAs(boom);
    }
    assertThat(allocator.getAllocatedMemory()).isZero();
  }

  @Test
  void testStagingDirectoryRemovedMeansTheTaskFails() throws IOException {
    Files.delete(staging);
    assertThatThrownBy(() -> write(FileFormat.CSV, List.of(4), Map.of(), WriteTestData.batches(17, 100),
        Long.MAX_VALUE))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("Cannot create output directory");
    assertThat(Files.exists(staging)).as("the staging directory is never recreated").isFalse();
  }

  @Test
  void testEscapeFollowsSpark() {
    assertThat(PartitionDirectories.escape("plain value-1.5")).isEqualTo("plain value-1.5");
    assertThat(PartitionDirectories.escape("a/b=c:d%e?f*g\"h'i#j[k]l^m{n\\o\u0001p\u007F"))
        .isEqualTo("a%2Fb%3Dc%3Ad%25e%3Ff%2Ag%22h%27i%23j%5Bk%5Dl%5Em%7Bn%5Co%01p%7F");
    assertThat(PartitionDirectories.escape("grüße")).isEqualTo("grüße");
  }

  @Test
  void testCsvOptionsAreCheckedAndNamed() {
    assertThat(CsvWriteOptions.parse(Map.of("HEADER", "true", "delimiter", "\\t")))
        .isEqualTo(new CsvWriteOptions(true, '\t', '"', '"', ""));
    assertThatThrownBy(() -> CsvWriteOptions.parse(Map.of("heder", "true")))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("'heder'").hasMessageContaining("header, delimiter, sep, quote, escape, nullValue")
        .extracting(e -> ((EngineException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThatThrownBy(() -> CsvWriteOptions.parse(Map.of("header", "yes")))
        .hasMessageContaining("must be true or false, got 'yes'");
    assertThatThrownBy(() -> CsvWriteOptions.parse(Map.of("sep", "||")))
        .hasMessageContaining("single character");
  }

  @Test
  void testBackslashEscapeAsSpark() throws IOException {
    VectorBatch rows = WriteTestData.rows(new java.util.Random(9), 0, 300);
    List<String> files = write(FileFormat.CSV, List.of(), Map.of("escape", "\\"), List.of(rows),
        Long.MAX_VALUE);
    String all = files.stream().map(file -> {
      try {
        return Files.readString(staging.resolve(file));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).collect(Collectors.joining());
    assertThat(all).contains("\"say \\\"hi\\\"\"").contains("\"back\\\\slash\"").contains("\"a,b\"");
  }
}
