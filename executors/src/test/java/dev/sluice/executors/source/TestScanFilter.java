package dev.sluice.executors.source;

import static dev.sluice.executors.source.ScanHarness.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Comparison;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.Literal;
import dev.sluice.engine.source.FileFormat;
import dev.sluice.engine.source.FileSource;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.ExpressionEvaluator;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.StringData;
import dev.sluice.engine.vector.VectorBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan's own filter, on CSV and Parquet; runs once the expression kernels are in the tree. */
class TestScanFilter {
  private static final Schema SCHEMA = new Schema(List.of(new Field("k", DataType.INT64),
      new Field("s", DataType.UTF8)));

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

  private static Expression greaterThan(long bound) {
    Expression filter = new Comparison(Comparison.Op.GREATER, new BoundRef(0, "k", DataType.INT64),
        new Literal(bound, DataType.INT64));
    try {
      ExpressionEvaluator.compile(filter);
    } catch (UnsupportedOperationException e) {
      Assumptions.abort("expression kernels not built yet");
    }
    return filter;
  }

  @Test
  void testFilterKeepsMatchingRowsAndSkipsEmptiedBatches() throws IOException {
    SplittableRandom random = new SplittableRandom(4);
    List<List<Object>> all = new ArrayList<>();
    StringBuilder csv = new StringBuilder();
    long[] keys = new long[3000];
    byte[] bytes = new byte[3000];
    int[] offsets = new int[3001];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = i < 1000 ? random.nextInt(100) : random.nextInt(1000);
      bytes[i] = (byte) ('a' + random.nextInt(26));
      offsets[i + 1] = i + 1;
      all.add(row(keys[i], String.valueOf((char) bytes[i])));
      csv.append(keys[i]).append(',').append((char) bytes[i]).append('\n');
    }
    Files.writeString(directory.resolve("f.csv"), csv);
    Expression filter = greaterThan(500);
    List<List<Object>> expected = all.stream().filter(r -> (Long) r.get(0) > 500).toList();

    FileSource csvSource = FileSources.resolve(FileFormat.CSV, List.of(directory.resolve("f.csv").toString()),
        Map.of(), SCHEMA, allocator);
    ScanHarness.Result result = ScanHarness.run(csvSource, SCHEMA, ScanHarness.wholeFiles(csvSource), filter,
        allocator, 100);
    assertThat(result.rows()).containsExactlyElementsOf(expected);
    assertThat(result.batches()).as("the first 1000 rows hold no match").isLessThanOrEqualTo(20);

    Path parquetDirectory = Files.createDirectories(directory.resolve("pq"));
    VectorBatch batch = new VectorBatch(SCHEMA, List.of(new LongData(DataType.INT64, keys, null, keys.length),
        new StringData(bytes, offsets, null, keys.length)), keys.length);
    ParquetFiles.write(allocator, parquetDirectory, "f.parquet", SCHEMA, List.of(batch));
    FileSource parquet = FileSources.resolve(FileFormat.PARQUET, List.of(parquetDirectory.toString()), Map.of(),
        null, allocator);
    assertThat(ScanHarness.read(parquet, SCHEMA, ScanHarness.wholeFiles(parquet), filter, allocator, 128))
        .containsExactlyElementsOf(expected);
  }
}
