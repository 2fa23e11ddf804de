package dev.sluice.engine.relational.planner;

import static dev.sluice.engine.relational.RelationFixtures.col;
import static dev.sluice.engine.relational.RelationFixtures.eq;
import static dev.sluice.engine.relational.RelationFixtures.gt;
import static dev.sluice.engine.relational.RelationFixtures.lit;
import static dev.sluice.engine.relational.RelationFixtures.schema;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.batch.BatchCodec;
import dev.sluice.engine.encoding.Encoders;
import dev.sluice.engine.plan.physical.FileScanExec;
import dev.sluice.engine.plan.physical.PhysicalPlan;
import dev.sluice.engine.plan.physical.ValuesScanExec;
import dev.sluice.engine.plan.split.FileSplit;
import dev.sluice.engine.plan.split.ValuesSplit;
import dev.sluice.engine.relational.FilterRelation;
import dev.sluice.engine.relational.JoinRelation;
import dev.sluice.engine.relational.JoinType;
import dev.sluice.engine.relational.LocalRelation;
import dev.sluice.engine.relational.ProjectRelation;
import dev.sluice.engine.relational.Relation;
import dev.sluice.engine.relational.ScanRelation;
import dev.sluice.engine.relational.analysis.Analyzer;
import dev.sluice.engine.source.FileFormat;
import dev.sluice.engine.source.FileSource;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** File splits, local rows and size estimates. */
class TestPlannerInputs {
  private static final Schema AB = schema("a", DataType.INT64, "b", DataType.UTF8);
  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private static FileSource files(FileFormat format, List<Long> sizes, Map<String, String> options) {
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < sizes.size(); i++) {
      paths.add("/in/part-" + i + (format == FileFormat.CSV ? ".csv" : ".json"));
    }
    return new FileSource(format, paths, sizes, AB, options);
  }

  @Test
  void testTextFormatsSplitIntoContiguousRangesCoveringEveryByteOnce() {
    SplittableRandom random = new SplittableRandom(7);
    for (int round = 0; round < 200; round++) {
      List<Long> sizes = new ArrayList<>();
      int count = 1 + random.nextInt(5);
      for (int i = 0; i < count; i++) {
        sizes.add(random.nextInt(4) == 0 ? random.nextLong(0, 3) : random.nextLong(0, 10_000));
      }
      long max = 1 + random.nextLong(0, 3_000);
      FileSource source = files(FileFormat.CSV, sizes, Map.of());
      List<FileSplit> splits = FileSplits.of(source, max);
      for (int file = 0; file < count; file++) {
        String path = source.files().get(file);
        long expectedStart = 0;
        int pieces = 0;
        for (FileSplit split : splits) {
          if (!split.path().equals(path)) {
            continue;
          }
          assertThat(split.start()).isEqualTo(expectedStart);
          assertThat(split.length()).isLessThanOrEqualTo(max);
          expectedStart += split.length();
          pieces++;
        }
        assertThat(expectedStart).isEqualTo(sizes.get(file));
        assertThat(pieces).isEqualTo(Math.max(1, (int) ((sizes.get(file) + max - 1) / max)));
      }
    }
  }

  @Test
  void testParquetCompressedAndMultiLineFilesAreReadWhole() {
    FileSource parquet = new FileSource(FileFormat.PARQUET, List.of("/p/a.parquet", "/p/b.parquet"),
        List.of(1000L, 5L), AB, Map.of());
    assertThat(FileSplits.of(parquet, 10)).containsExactly(new FileSplit("/p/a.parquet", 0, 1000),
        new FileSplit("/p/b.parquet", 0, 5));
    FileSource gzip = new FileSource(FileFormat.CSV, List.of("/c/a.csv.gz"), List.of(1000L), AB, Map.of());
    assertThat(FileSplits.of(gzip, 10)).containsExactly(new FileSplit("/c/a.csv.gz", 0, 1000));
    FileSource multiLine = files(FileFormat.JSON, List.of(1000L), Map.of("multiline", "true"));
    assertThat(FileSplits.of(multiLine, 10)).hasSize(1);
    PhysicalPlan scan = RelationalPlanner.plan(ScanRelation.of(files(FileFormat.CSV, List.of(250L, 100L), Map.of())),
        new PlannerSettings(2, -1, 100));
    assertThat(((FileScanExec) scan).splits()).hasSize(4);
    assertThat(scan.partitionCount()).isEqualTo(4);
  }

  @Test
  void testLocalRowsBecomeValuesSplitsWithTheirRowCounts() {
    List<byte[]> partitions = new ArrayList<>();
    for (int rows : new int[] {3, 0, 70}) {
      Object[] values = new Object[rows];
      for (int i = 0; i < rows; i++) {
        values[i] = (long) i;
      }
      List<Batch> batches = new ArrayList<>();
      try {
        if (rows > 0) {
          batches.add(Encoders.forClass(Long.class).encode(values, rows, allocator));
          batches.add(Encoders.forClass(Long.class).encode(values, 1, allocator));
        }
        partitions.add(BatchCodec.encode(batches, allocator));
      } finally {
        batches.forEach(Batch::close);
      }
    }
    Schema schema = schema("value", DataType.INT64);
    ValuesScanExec values = (ValuesScanExec) RelationalPlanner.plan(new LocalRelation(schema, partitions),
        new PlannerSettings(2, -1, 100));
    assertThat(values.splits().stream().map(ValuesSplit::rows).toList()).containsExactly(4, 0, 71);
    ValuesScanExec empty = (ValuesScanExec) RelationalPlanner.plan(new LocalRelation(schema, List.of()),
        new PlannerSettings(2, -1, 100));
    assertThat(empty.splits()).hasSize(1);
    assertThat(BatchCodec.decode(empty.splits().get(0).ipc(), allocator)).isEmpty();
  }

  @Test
  void testSizeEstimatesScaleWithColumnsFiltersAndJoins() {
    FileSource source = new FileSource(FileFormat.PARQUET, List.of("/p/a.parquet"), List.of(2800L),
        schema("a", DataType.INT64, "b", DataType.UTF8), Map.of());
    ScanRelation scan = ScanRelation.of(source);
    assertThat(Statistics.sizeInBytes(scan)).isEqualTo(2800);
    assertThat(Statistics.sizeInBytes(new ScanRelation(source, List.of("a"), null))).isEqualTo(800);
    Relation filtered = Analyzer.analyze(new FilterRelation(scan, gt(col("a"), lit(1L))));
    assertThat(Statistics.sizeInBytes(filtered)).isEqualTo(1400);
    Relation narrowed = Analyzer.analyze(new ProjectRelation(filtered, List.of(col("a"))));
    assertThat(Statistics.sizeInBytes(narrowed)).isEqualTo(400);
    Relation joined = Analyzer.analyze(new JoinRelation(narrowed, scan, JoinType.INNER, eq(col("a"), col("#right.a"))));
    // 100 rows from the larger side, 8 + 28 bytes wide
    assertThat(Statistics.sizeInBytes(joined)).isEqualTo(3600);
    Relation semi = Analyzer.analyze(new JoinRelation(narrowed, scan, JoinType.LEFT_SEMI, eq(col("a"),
        col("#right.a"))));
    assertThat(Statistics.sizeInBytes(semi)).isEqualTo(400);
  }
}
