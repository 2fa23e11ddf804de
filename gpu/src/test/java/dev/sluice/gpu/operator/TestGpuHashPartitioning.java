package dev.sluice.gpu.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.device.GpuOperators;
import dev.sluice.engine.expr.Alias;
import dev.sluice.engine.expr.Arithmetic;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.physical.ExchangeExec;
import dev.sluice.engine.plan.physical.Partitioning;
import dev.sluice.engine.plan.physical.RangeScanExec;
import dev.sluice.engine.plan.split.RangeSplit;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.BoolData;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.ColumnHash;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.StringData;
import dev.sluice.engine.vector.VectorBatch;
import dev.sluice.gpu.runtime.CudaRuntime;
import dev.sluice.gpu.runtime.GpuException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link CudaGpuOperators#hashPartitions} on the fake GPU against {@link ColumnHash} (the CPU's
 * partitioner) over random batches of int64, int32, date32, decimal and float64 keys, alone and
 * together, with nulls, extreme longs, NaNs of several bit patterns and -0.0; the partitions must be
 * the same for every row. The planner-side checks run everywhere.
 */
@Timeout(120)
class TestGpuHashPartitioning {
  private static final Schema INPUT = new Schema(List.of(new Field("k", DataType.INT64),
      new Field("i", DataType.INT32), new Field("day", DataType.DATE32), new Field("d", DataType.decimal(18, 2)),
      new Field("x", DataType.FLOAT64), new Field("s", DataType.UTF8), new Field("b", DataType.BOOLEAN),
      new Field("w", DataType.decimal(38, 2)), new Field("small", DataType.decimal(7, 3))));
  private static final BoundRef K = ref(0);
  private static final BoundRef I = ref(1);
  private static final BoundRef DAY = ref(2);
  private static final BoundRef D = ref(3);
  private static final BoundRef X = ref(4);
  private static final BoundRef S = ref(5);
  private static final BoundRef B = ref(6);
  private static final BoundRef W = ref(7);
  private static final BoundRef SMALL = ref(8);
  private static final double[] SPECIAL = {0.0, -0.0, Double.NaN, Double.longBitsToDouble(0x7ff8000000000001L),
      Double.longBitsToDouble(0xfff0000000000abcL), Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
      Double.MIN_VALUE, -Double.MAX_VALUE, 1.5};

  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private static BoundRef ref(int index) {
    Field field = INPUT.fields().get(index);
    return new BoundRef(index, field.name(), field.type());
  }

  private static ExchangeExec exchange(int partitions, List<Expression> keys) {
    PlanNodeId id = new PlanNodeId(1);
    return new ExchangeExec(id, new RangeScanExec(id, List.of(new RangeSplit(0, 1, 1))),
        new Partitioning.HashColumns(partitions, keys));
  }

  /** A random batch of {@link #INPUT}: about one value in eight null, skewed and extreme values. */
  private Batch batch(Random random, int rows) {
    List<ColumnData> columns = new ArrayList<>();
    for (Field field : INPUT.fields()) {
      boolean[] nulls = new boolean[rows];
      long[] longs = new long[rows];
      double[] doubles = new double[rows];
      boolean[] bools = new boolean[rows];
      StringBuilder text = new StringBuilder();
      int[] offsets = new int[rows + 1];
      for (int r = 0; r < rows; r++) {
        nulls[r] = random.nextInt(8) == 0;
        switch (field.name()) {
          case "k" -> longs[r] = switch (random.nextInt(6)) {
            case 0 -> Long.MIN_VALUE;
            case 1 -> Long.MAX_VALUE;
            case 2 -> random.nextInt(20) - 10;
            default -> random.nextLong();
          };
          case "i" -> longs[r] = random.nextBoolean() ? random.nextInt()
              : random.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE;
          case "day" -> longs[r] = random.nextInt(80_000) - 20_000;
          case "d" -> longs[r] = random.nextBoolean() ? random.nextLong(-999_999_999_999_999_999L,
              999_999_999_999_999_999L) : random.nextInt(1000) - 500;
          case "x" -> doubles[r] = random.nextBoolean() ? SPECIAL[random.nextInt(SPECIAL.length)]
              : random.nextGaussian() * 1e6;
          case "s" -> text.append("s").append(random.nextInt(30));
          case "b" -> bools[r] = random.nextBoolean();
          case "w" -> longs[r] = random.nextLong();
          default -> longs[r] = random.nextInt(19_999_999) - 9_999_999;
        }
        offsets[r + 1] = text.toString().getBytes(StandardCharsets.UTF_8).length;
      }
      columns.add(switch (field.name()) {
        case "x" -> new DoubleData(doubles, nulls, rows);
        case "s" -> new StringData(text.toString().getBytes(StandardCharsets.UTF_8), offsets, nulls, rows);
        case "b" -> new BoolData(bools, nulls, rows);
        default -> new LongData(field.type(), longs, nulls, rows);
      });
    }
    return ArrowColumns.write(new VectorBatch(INPUT, columns, rows), allocator);
  }

  /** The CPU's partitions: ColumnHash of the keys as the engine reads them. */
  private static int[] expected(Batch batch, int partitions, List<Expression> keys) {
    VectorBatch columns = ArrowColumns.read(batch);
    List<ColumnData> keyColumns = new ArrayList<>();
    for (Expression key : keys) {
      keyColumns.add(columns.column(((BoundRef) GpuSupport.unaliased(key)).index()));
    }
    int rows = batch.rowCount();
    return ColumnHash.partitions(ColumnHash.hash(keyColumns, rows), rows, partitions);
  }

  private static void assumeFakeGpu() {
    assumeTrue("fake-gpu".equals(System.getProperty("sluice.test.gpu.environment")), "needs the fake-gpu execution");
    Path dir = Path.of(System.getProperty("sluice.test.fakecuda.dir", "target/fakecuda"));
    assumeTrue(Files.exists(dir.resolve("libcuda.so.1")), "fake CUDA driver not built (no g++?)");
    assertThat(CudaRuntime.status().available()).as(CudaRuntime.status().toString()).isTrue();
  }

  @Test
  void testSupportedAndUnsupportedKeys() {
    GpuOperators gpu = new CudaGpuOperators();
    for (BoundRef key : List.of(K, I, DAY, D, X, SMALL)) {
      assertThat(gpu.unsupported(exchange(8, List.of(key)))).as(key.name()).isEmpty();
    }
    assertThat(gpu.unsupported(exchange(8, List.of(K, new Alias(X, "y"), DAY, D, I)))).isEmpty();
    assertThat(gpu.unsupported(exchange(8, List.of(K, S))))
        .contains("key s of type " + DataType.UTF8.displayName() + " not supported on GPU");
    assertThat(gpu.unsupported(exchange(8, List.of(B))))
        .contains("key b of type " + DataType.BOOLEAN.displayName() + " not supported on GPU");
    assertThat(gpu.unsupported(exchange(8, List.of(W))))
        .contains("key w of type " + W.type().displayName() + " not supported on GPU");
    Expression sum = new Arithmetic(Arithmetic.Op.ADD, K, K);
    assertThat(gpu.unsupported(exchange(8, List.of(sum))))
        .contains("key expression " + sum.sql() + " not supported on GPU");
    PlanNodeId id = new PlanNodeId(1);
    ExchangeExec range = new ExchangeExec(id, new RangeScanExec(id, List.of(new RangeSplit(0, 1, 1))),
        new Partitioning.RangeColumns(4, List.of(SortKey.ascending(K)), null));
    assertThat(gpu.unsupported(range)).get().asString().startsWith("only hash partitioning by columns");
  }

  @Test
  void testUnsupportedNodeThrowsBeforeTouchingTheDevice() {
    try (Batch batch = batch(new Random(1), 10)) {
      assertThatThrownBy(() -> new CudaGpuOperators().hashPartitions(exchange(4, List.of(S)), batch, allocator))
          .isInstanceOf(GpuException.class).hasMessageContaining("key s of type");
    }
  }

  @Test
  void testSamePartitionsAsColumnHashOnRandomBatches() {
    assumeFakeGpu();
    GpuOperators gpu = new CudaGpuOperators();
    List<List<Expression>> keySets = List.of(List.of(K), List.of(I), List.of(DAY), List.of(D), List.of(X),
        List.of(SMALL), List.of(K, X), List.of(new Alias(D, "dd"), DAY, I), List.of(X, I, K, SMALL, DAY, D));
    Random random = new Random(20240611);
    int[] sizes = {1, 2, 63, 257, 1000, 4099};
    for (int partitions : new int[] {1, 2, 7, 200}) {
      for (List<Expression> keys : keySets) {
        int rows = sizes[random.nextInt(sizes.length)];
        ExchangeExec node = exchange(partitions, keys);
        assertThat(gpu.unsupported(node)).isEmpty();
        try (Batch batch = batch(random, rows)) {
          int[] actual = gpu.hashPartitions(node, batch, allocator);
          assertThat(actual).as("%s keys, %s partitions, %s rows", keys, partitions, rows)
              .containsExactly(expected(batch, partitions, keys));
        }
      }
    }
  }

  @Test
  void testEmptyBatchHasNoPartitions() {
    assumeFakeGpu();
    try (Batch batch = batch(new Random(3), 0)) {
      assertThat(new CudaGpuOperators().hashPartitions(exchange(4, List.of(K, I)), batch, allocator)).isEmpty();
    }
  }
}
