package dev.sluice.executors.shuffle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.device.GpuOperators;
import dev.sluice.engine.device.Placement;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.TaskFragment;
import dev.sluice.engine.exec.TaskSink;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.physical.ExchangeExec;
import dev.sluice.engine.plan.physical.FilterProjectExec;
import dev.sluice.engine.plan.physical.Partitioning;
import dev.sluice.engine.plan.physical.ShuffleReadExec;
import dev.sluice.engine.plan.physical.ValuesScanExec;
import dev.sluice.engine.plan.split.ValuesSplit;
import dev.sluice.engine.serde.KryoSerde;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntPredicate;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hash shuffle whose exchange is placed on the GPU ({@link GpuHashPartitioner}), with a stand-in
 * {@link GpuOperators} that answers each batch with {@link ColumnHash}'s partitions computed from
 * the Arrow batch, but throws (or answers nonsense) on chosen calls: every partition of the shuffle
 * output holds exactly the rows, in the same order, that the CPU's shuffle of the same input
 * writes there, each in the partition {@code ColumnHash} names, and the task counters tell GPU
 * batches from fallbacks.
 */
class TestGpuHashShuffle {
  private static final int CPU_SHUFFLE = 3;
  private static final int GPU_SHUFFLE = 4;
  private static final int PARTITIONS = 7;
  private static final int MAPS = 3;
  /** int64, int32, date32, decimal(10,2) and float64 (with NaN and -0.0) keys. */
  private static final List<Expression> KEYS = List.of(AggregateData.column(0), AggregateData.column(6),
      AggregateData.column(2), AggregateData.column(3), AggregateData.column(4));

  @TempDir
  Path work;

  private BufferAllocator allocator;
  private MapOutputRegistry registry;
  private ExecutorEnvironment environment;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
    registry = new MapOutputRegistry();
    environment = new ExecutorEnvironment("executor-1", work, registry);
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  /** A "GPU" answering with ColumnHash's partitions of the Arrow batch, failing on the calls listed. */
  private static final class FlakyGpu implements GpuOperators {
    private final IntPredicate failing;
    private final IntPredicate wrong;
    private final ExchangeExec expected;
    int calls;
    int refused;

    FlakyGpu(ExchangeExec expected, IntPredicate failing, IntPredicate wrong) {
      this.expected = expected;
      this.failing = failing;
      this.wrong = wrong;
    }

    @Override
    public Optional<String> unsupported(FilterProjectExec node) {
      return Optional.of("not in this test");
    }

    @Override
    public Batch filterProject(FilterProjectExec node, Batch input, BufferAllocator allocator) {
      throw new UnsupportedOperationException("not in this test");
    }

    @Override
    public Optional<String> unsupported(ExchangeExec node) {
      return Optional.empty();
    }

    @Override
    public int[] hashPartitions(ExchangeExec node, Batch input, BufferAllocator allocator) {
      int call = calls++;
      assertThat(node).isSameAs(expected);
      assertThat(input.rowCount()).isPositive();
      if (failing.test(call)) {
        refused++;
        throw new IllegalStateException("CUDA_ERROR_LAUNCH_FAILED on call " + call);
      }
      Partitioning.HashColumns hash = (Partitioning.HashColumns) node.partitioning();
      VectorBatch columns = ArrowColumns.read(input);
      List<ColumnData> keys = hash.keys().stream().map(key -> columns.column(((BoundRef) key).index())).toList();
      int rows = input.rowCount();
      int[] ids = ColumnHash.partitions(ColumnHash.hash(keys, rows), rows, hash.partitions());
      if (wrong.test(call)) {
        refused++;
        ids[rows - 1] = hash.partitions();
      }
      return ids;
    }
  }

  private List<List<Batch>> randomMaps(long seed) {
    List<List<Batch>> out = new ArrayList<>();
    for (int m = 0; m < MAPS; m++) {
      List<Batch> batches = new ArrayList<>();
      for (VectorBatch batch : AggregateData.random(seed + m, 3000 + 1000 * m, 900, 200, 0.2)) {
        batches.add(ArrowColumns.write(batch, allocator));
      }
      out.add(batches);
    }
    return out;
  }

  private static int batches(List<List<Batch>> maps) {
    return (int) maps.stream().flatMap(List::stream).filter(batch -> batch.rowCount() > 0).count();
  }

  /** Writes the maps with {@code sink} per map task, sharing {@code operators} (and so its counters). */
  private void write(int shuffleId, List<List<Batch>> maps, OperatorContext operators,
      Function<TaskContext, ShuffleWriteSink> sinks) {
    registry.registerShuffle(shuffleId, maps.size());
    for (int m = 0; m < maps.size(); m++) {
      ShuffleWriteSink sink = sinks.apply(new TaskContext(operators, environment, new TaskKey(0, 0, m), 0));
      try (GivenBatches source = new GivenBatches(maps.get(m))) {
        assertThat(sink.drain(source, operators)).isEmpty();
      }
      registry.register(shuffleId, m, sink.mapStatus());
    }
  }

  /** The rows of each partition, in the order they were written. */
  private List<List<List<Object>>> read(int shuffleId) {
    OperatorContext operators = OperatorContext.of("reader", allocator, 4096, 65536);
    List<List<List<Object>>> partitions = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      ShuffleReadExec node = new ShuffleReadExec(new PlanNodeId(9), shuffleId, MAPS, PARTITIONS, Object.class,
          List.of(p), false);
      List<List<Object>> rows = new ArrayList<>();
      try (ShuffleReadOperator reader = new ShuffleReadOperator(node, operators, registry,
          LocalShuffleBlocks.INSTANCE)) {
        for (Batch batch : ArrowValues.batches(reader)) {
          try (batch) {
            VectorBatch columns = ArrowColumns.read(batch);
            List<ColumnData> keys = KEYS.stream().map(key -> columns.column(((BoundRef) key).index())).toList();
            int[] expected = ColumnHash.partitions(ColumnHash.hash(keys, columns.rowCount()), columns.rowCount(),
                PARTITIONS);
            for (int partition : expected) {
              assertThat(partition).isEqualTo(p);
            }
            rows.addAll(ArrowValues.rows(batch));
          }
        }
      }
      partitions.add(rows);
    }
    return partitions;
  }

  private OperatorContext operators(String name) {
    return new OperatorContext(name, allocator, 4096, 65536, Long.MAX_VALUE, work.resolve("spill"));
  }

  private static ExchangeExec exchange() {
    ValuesScanExec child = new ValuesScanExec(new PlanNodeId(1), List.of(new ValuesSplit(new byte[0], 0)),
        Object.class);
    return new ExchangeExec(new PlanNodeId(2), child, new Partitioning.HashColumns(PARTITIONS, KEYS), Placement.GPU);
  }

  /** Shuffles random maps on the CPU and with a GPU failing as told; returns how many batches fell back. */
  private int assertGpuShuffleEqualsCpuShuffle(long seed, IntPredicate failing, IntPredicate wrong) {
    List<List<Batch>> cpuMaps = randomMaps(seed);
    List<List<Batch>> gpuMaps = randomMaps(seed);
    int batches = batches(gpuMaps);
    ExchangeExec exchange = exchange();
    write(CPU_SHUFFLE, cpuMaps, operators("cpu"), task -> new ShuffleWriteSink(CPU_SHUFFLE,
        exchange.partitioning(), task));
    FlakyGpu gpu = new FlakyGpu(exchange, failing, wrong);
    OperatorContext gpuOperators = operators("gpu");
    write(GPU_SHUFFLE, gpuMaps, gpuOperators, task -> new ShuffleWriteSink(GPU_SHUFFLE, exchange, task, gpu));

    List<List<List<Object>>> cpu = read(CPU_SHUFFLE);
    List<List<List<Object>>> onGpu = read(GPU_SHUFFLE);
    assertThat(cpu.stream().mapToInt(List::size).sum()).isEqualTo(3000 + 4000 + 5000);
    assertThat(cpu).filteredOn(List::isEmpty).isEmpty();
    assertThat(onGpu).isEqualTo(cpu);
    assertThat(gpu.calls).isEqualTo(batches);
    assertThat(gpuOperators.counters().gpuFallbackBatches()).isEqualTo(gpu.refused);
    assertThat(gpuOperators.counters().gpuBatches()).isEqualTo(batches - gpu.refused);
    return gpu.refused;
  }

  @Test
  void testGpuPartitionsGiveTheCpusShuffleOutput() {
    assertThat(assertGpuShuffleEqualsCpuShuffle(17, call -> false, call -> false)).isZero();
  }

  @Test
  void testBatchesTheGpuFailsOnArePartitionedOnTheCpu() {
    Set<Integer> failing = Set.of(0, 3, 4);
    assertThat(assertGpuShuffleEqualsCpuShuffle(23, failing::contains, call -> false)).isEqualTo(3);
  }

  @Test
  void testAnswersThatCannotBePartitionsFallBackToo() {
    Set<Integer> wrong = Set.of(2, 5);
    assertThat(assertGpuShuffleEqualsCpuShuffle(29, call -> call == 1, wrong::contains)).isEqualTo(3);
  }

  @Test
  void testEveryBatchFailingGivesTheCpusOutput() {
    assertThat(assertGpuShuffleEqualsCpuShuffle(31, call -> true, call -> false)).isPositive();
  }

  @Test
  void testShuffleWriteCarriesThePlacementThroughKryo() {
    ExchangeExec exchange = exchange();
    for (Placement placement : List.of(Placement.GPU, Placement.cpu("key s of type utf8 not supported on GPU"))) {
      TaskFragment fragment = new TaskFragment(exchange.child(),
          new TaskSink.ShuffleWrite(GPU_SHUFFLE, exchange.partitioning(), placement));
      TaskFragment copy = KryoSerde.deserialize(KryoSerde.serialize(fragment));
      assertThat(copy.sink()).isEqualTo(fragment.sink());
      assertThat(((TaskSink.ShuffleWrite) copy.sink()).placement()).isEqualTo(placement);
    }
    assertThat(new TaskSink.ShuffleWrite(1, exchange.partitioning()).placement()).isEqualTo(Placement.NOT_PLACED);
  }
}
