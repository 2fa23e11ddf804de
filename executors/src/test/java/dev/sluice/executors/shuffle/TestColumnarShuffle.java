package dev.sluice.executors.shuffle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.physical.Partitioning;
import dev.sluice.engine.plan.physical.ShuffleReadExec;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.ColumnHash;
import dev.sluice.engine.vector.VectorBatch;
import dev.sluice.executors.columnar.AggregateData;
import dev.sluice.executors.columnar.ArrowValues;
import dev.sluice.executors.columnar.GivenBatches;
import dev.sluice.executors.runtime.ExecutorEnvironment;
import dev.sluice.executors.runtime.TaskContext;
import dev.sluice.scheduler.protocol.TaskKey;
import dev.sluice.scheduler.shuffle.MapOutputRegistry;
import dev.sluice.scheduler.shuffle.MapStatus;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Columnar shuffles written by {@link ShuffleWriteSink} and read back by
 * {@link ShuffleReadOperator}: every row of a hash shuffle lands in the partition {@link ColumnHash}
 * names and none is lost or duplicated; every reader of a broadcast gets every row; a single
 * partition takes columnar batches unchanged.
 */
class TestColumnarShuffle {
  private static final int SHUFFLE = 7;

  @TempDir
  Path work;

  private BufferAllocator allocator;
  private MapOutputRegistry registry;
  private ExecutorEnvironment environment;
  private OperatorContext operators;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
    registry = new MapOutputRegistry();
    environment = new ExecutorEnvironment("executor-1", work, registry);
    operators = new OperatorContext("job-0/stage-0/task", allocator, 4096, 65536, Long.MAX_VALUE,
        work.resolve("spill"));
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  /** Writes one map task's output per element of {@code maps} and registers it. */
  private List<MapStatus> write(Partitioning partitioning, List<List<Batch>> maps) {
    registry.registerShuffle(SHUFFLE, maps.size());
    List<MapStatus> statuses = new ArrayList<>();
    for (int m = 0; m < maps.size(); m++) {
      TaskContext task = new TaskContext(operators, environment, new TaskKey(0, 0, m), 0);
      ShuffleWriteSink sink = new ShuffleWriteSink(SHUFFLE, partitioning, task);
      GivenBatches source = new GivenBatches(maps.get(m));
      try (source) {
        assertThat(sink.drain(source, operators)).isEmpty();
      }
      assertThat(sink.rows()).isEqualTo(maps.get(m).stream().mapToLong(Batch::rowCount).sum());
      registry.register(SHUFFLE, m, sink.mapStatus());
      statuses.add(sink.mapStatus());
    }
    return statuses;
  }

  private List<Batch> read(ShuffleReadExec node) {
    try (ShuffleReadOperator reader = new ShuffleReadOperator(node, operators, registry, LocalShuffleBlocks.INSTANCE)) {
      return ArrowValues.batches(reader);
    }
  }

  private static Map<List<Object>, Integer> multiset(List<List<Object>> rows) {
    Map<List<Object>, Integer> counts = new HashMap<>();
    rows.forEach(row -> counts.merge(row, 1, Integer::sum));
    return counts;
  }

  private static List<List<Object>> rows(List<Batch> batches) {
    List<List<Object>> rows = new ArrayList<>();
    batches.forEach(batch -> rows.addAll(ArrowValues.rows(batch)));
    return rows;
  }

  private List<List<Batch>> randomMaps(int maps, long seed) {
    List<List<Batch>> out = new ArrayList<>();
    for (int m = 0; m < maps; m++) {
      List<Batch> batches = new ArrayList<>();
      for (VectorBatch batch : AggregateData.random(seed + m, 5000 + 1000 * m, 1700, 300, 0.1)) {
        batches.add(ArrowColumns.write(batch, allocator));
      }
      out.add(batches);
    }
    return out;
  }

  @Test
  void hashShuffleSendsEveryRowToItsColumnHashPartition() {
    int partitions = 5;
    List<List<Batch>> maps = randomMaps(3, 42);
    List<List<Object>> written = new ArrayList<>();
    maps.forEach(batches -> written.addAll(rows(batches)));
    List<Expression> keys = List.of(AggregateData.column(1),
        AggregateData.column(3), AggregateData.column(4));
    List<MapStatus> statuses = write(new Partitioning.HashColumns(partitions, keys), maps);
    assertThat(statuses).allMatch(status -> status.partitionBytes().length == partitions);
    List<List<Object>> read = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      List<Batch> batches = read(new ShuffleReadExec(new PlanNodeId(9), SHUFFLE, maps.size(), partitions,
          Object.class, List.of(p), false));
      for (Batch batch : batches) {
        try (batch) {
          VectorBatch columns = ArrowColumns.read(batch);
          List<ColumnData> keyColumns = List.of(columns.column(1), columns.column(3), columns.column(4));
          int[] expected = ColumnHash.partitions(ColumnHash.hash(keyColumns, columns.rowCount()), columns.rowCount(),
              partitions);
          for (int partition : expected) {
            assertThat(partition).isEqualTo(p);
          }
          read.addAll(ArrowValues.rows(batch));
        }
      }
    }
    assertThat(multiset(read)).isEqualTo(multiset(written));
  }

  @Test
  void broadcastReadersEachGetEveryRow() {
    int readers = 4;
    List<List<Batch>> maps = randomMaps(2, 7);
    List<List<Object>> written = new ArrayList<>();
    maps.forEach(batches -> written.addAll(rows(batches)));
    List<MapStatus> statuses = write(new Partitioning.Broadcast(readers), maps);
    assertThat(statuses).allMatch(status -> status.partitionBytes().length == 1);
    ShuffleReadExec unresolved = new ShuffleReadExec(new PlanNodeId(9), SHUFFLE, maps.size(), readers, Object.class,
        List.of(), true);
    for (int p = 0; p < readers; p++) {
      for (ShuffleReadExec node : List.of(unresolved.forPartition(p),
          new ShuffleReadExec(new PlanNodeId(9), SHUFFLE, maps.size(), readers, Object.class, List.of(p), true))) {
        List<Batch> batches = read(node);
        try {
          assertThat(multiset(rows(batches))).isEqualTo(multiset(written));
        } finally {
          batches.forEach(Batch::close);
        }
      }
    }
  }

  @Test
  void singlePartitionCarriesColumnarBatchesAsTheyAre() {
    List<List<Batch>> maps = randomMaps(2, 11);
    List<List<Object>> written = new ArrayList<>();
    maps.forEach(batches -> written.addAll(rows(batches)));
    List<MapStatus> statuses = write(new Partitioning.Single(), maps);
    assertThat(statuses).allMatch(status -> status.partitionBytes().length == 1);
    List<Batch> batches = read(new ShuffleReadExec(new PlanNodeId(9), SHUFFLE, maps.size(), 1, Object.class,
        List.of(0), false));
    try {
      assertThat(multiset(rows(batches))).isEqualTo(multiset(written));
    } finally {
      batches.forEach(Batch::close);
    }
  }

  @Test
  void decimalsWiderThan64BitsTravelWhole() {
    int rows = 2000;
    Schema schema = new Schema(List.of(new Field("k", DataType.INT64), new Field("d", DataType.decimal(38, 2))));
    Random random = new Random(3);
    List<List<Batch>> maps = new ArrayList<>();
    List<List<Object>> written = new ArrayList<>();
    for (int m = 0; m < 2; m++) {
      VectorSchemaRoot root = VectorSchemaRoot.create(schema.toArrow(), allocator);
      BigIntVector keys = (BigIntVector) root.getVector(0);
      DecimalVector decimals = (DecimalVector) root.getVector(1);
      keys.allocateNew(rows);
      decimals.allocateNew(rows);
      for (int i = 0; i < rows; i++) {
        keys.set(i, random.nextInt(50));
        if (random.nextInt(10) == 0) {
          decimals.setNull(i);
        } else {
          decimals.set(i, new BigDecimal(new java.math.BigInteger(120, random), 2).multiply(
              BigDecimal.valueOf(random.nextBoolean() ? 1 : -1)));
        }
      }
      root.setRowCount(rows);
      Batch batch = new Batch(root);
      written.addAll(ArrowValues.rows(batch));
      maps.add(List.of(batch));
    }
    write(new Partitioning.HashColumns(3, List.of(new BoundRef(0, "k", DataType.INT64))), maps);
    List<List<Object>> read = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      List<Batch> batches = read(new ShuffleReadExec(new PlanNodeId(9), SHUFFLE, 2, 3, Object.class, List.of(p),
          false));
      read.addAll(rows(batches));
      batches.forEach(Batch::close);
    }
    assertThat(multiset(read)).isEqualTo(multiset(written));
  }
}
