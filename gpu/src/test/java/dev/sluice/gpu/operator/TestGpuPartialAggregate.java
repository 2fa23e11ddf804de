package dev.sluice.gpu.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.device.GpuOperators;
import dev.sluice.engine.expr.AggregateCall;
import dev.sluice.engine.expr.AggregateFunction;
import dev.sluice.engine.expr.Arithmetic;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.physical.AggregateMode;
import dev.sluice.engine.plan.physical.AggregateStates;
import dev.sluice.engine.plan.physical.ColumnarAggregateExec;
import dev.sluice.engine.plan.physical.RangeScanExec;
import dev.sluice.engine.plan.split.RangeSplit;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.StringData;
import dev.sluice.engine.vector.VectorBatch;
import dev.sluice.gpu.runtime.CudaRuntime;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link CudaGpuOperators#partialAggregate} on the fake GPU against a plain-Java partial
 * aggregation of the same batch (states as {@code AggregateStates} defines them), for no key, one
 * int64, int32, date or string key and two keys, on random batches with nulls, skew, wrapping int64
 * sums, NaN and both zeros; groups are compared in first-seen order. The planner-side checks run everywhere.
 */
@Timeout(120)
class TestGpuPartialAggregate {
  private static final DataType DEC = DataType.decimal(12, 2);
  private static final Schema INPUT = new Schema(List.of(new Field("k", DataType.INT64),
      new Field("s", DataType.UTF8), new Field("day", DataType.DATE32), new Field("d", DEC),
      new Field("x", DataType.FLOAT64), new Field("i", DataType.INT32), new Field("v", DataType.INT64)));
  private static final BoundRef K = new BoundRef(0, "k", DataType.INT64);
  private static final BoundRef S = new BoundRef(1, "s", DataType.UTF8);
  private static final BoundRef DAY = new BoundRef(2, "day", DataType.DATE32);
  private static final BoundRef D = new BoundRef(3, "d", DEC);
  private static final BoundRef X = new BoundRef(4, "x", DataType.FLOAT64);
  private static final BoundRef I = new BoundRef(5, "i", DataType.INT32);
  private static final BoundRef V = new BoundRef(6, "v", DataType.INT64);
  private static final Expression D_SQUARED = new Arithmetic(Arithmetic.Op.MULTIPLY, D, D);
  private static final List<AggregateCall> CALLS = List.of(AggregateCall.countStar(),
      call(AggregateFunction.COUNT, X), call(AggregateFunction.COUNT, S), call(AggregateFunction.SUM, D), call(AggregateFunction.AVG, D),
      call(AggregateFunction.SUM, V), call(AggregateFunction.SUM, I), call(AggregateFunction.AVG, I),
      call(AggregateFunction.MIN, X), call(AggregateFunction.MAX, X), call(AggregateFunction.MIN, DAY),
      call(AggregateFunction.MAX, D), call(AggregateFunction.SUM, D_SQUARED), call(AggregateFunction.MIN, V));
  private static final String[] WORDS = {"A", "N", "R", "F", "O", "", "long string with ü"};

  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private static AggregateCall call(AggregateFunction function, Expression input) {
    return new AggregateCall(function, input, false);
  }

  private static ColumnarAggregateExec node(List<Expression> groupings, List<AggregateCall> calls) {
    PlanNodeId id = new PlanNodeId(1);
    return new ColumnarAggregateExec(id, new RangeScanExec(id, List.of(new RangeSplit(0, 1, 1))),
        AggregateMode.PARTIAL, groupings, calls, AggregateStates.partialSchema(groupings, calls));
  }

  private Batch batch(Random random, int rows, int keys) {
    List<ColumnData> columns = new ArrayList<>();
    for (Field field : INPUT.fields()) {
      boolean[] nulls = new boolean[rows];
      long[] longs = new long[rows];
      double[] doubles = new double[rows];
      StringBuilder text = new StringBuilder();
      int[] offsets = new int[rows + 1];
      for (int r = 0; r < rows; r++) {
        nulls[r] = random.nextInt(9) == 0;
        // skew: half the rows share the first key
        int key = random.nextBoolean() ? 0 : random.nextInt(keys);
        switch (field.name()) {
          case "k" -> longs[r] = key == 1 ? Long.MIN_VALUE : key * 7919L - 3;
          case "s" -> text.append(WORDS[key % WORDS.length]);
          case "day" -> longs[r] = 18000 + key % 50;
          case "d" -> longs[r] = random.nextLong(-999_999_999L, 999_999_999L);
          case "x" -> doubles[r] = random.nextInt(40) == 0 ? Double.NaN
              : random.nextInt(6) == 0 ? (random.nextBoolean() ? 0.0 : -0.0) : random.nextInt(2000) / 4.0 + 0.25;
          case "i" -> longs[r] = random.nextInt(5) == 0 ? Integer.MAX_VALUE : key;
          default -> longs[r] = random.nextInt(6) == 0 ? Long.MAX_VALUE - random.nextInt(9) : random.nextLong();
        }
        offsets[r + 1] = text.toString().getBytes(StandardCharsets.UTF_8).length;
      }
      ColumnData column = switch (field.name()) {
        case "x" -> new DoubleData(doubles, nulls, rows);
        case "s" -> new StringData(text.toString().getBytes(StandardCharsets.UTF_8), offsets, nulls, rows);
        default -> new LongData(field.type(), longs, nulls, rows);
      };
      columns.add(column);
    }
    return ArrowColumns.write(new VectorBatch(INPUT, columns, rows), allocator);
  }

  /** Every row of a batch as Java values (Arrow's own getters; strings as String). */
  private static List<List<Object>> rows(Batch batch) {
    List<List<Object>> rows = new ArrayList<>();
    for (int r = 0; r < batch.rowCount(); r++) {
      List<Object> row = new ArrayList<>();
      for (FieldVector vector : batch.root().getFieldVectors()) {
        Object value = vector.getObject(r);
        row.add(vector instanceof VarCharVector && value != null ? value.toString() : value);
      }
      rows.add(row);
    }
    return rows;
  }

  /** The partial states of one batch computed in plain Java, groups in first-seen order. */
  private static List<List<Object>> reference(ColumnarAggregateExec node, Batch batch) {
    List<List<Object>> input = rows(batch);
    Map<List<Object>, List<List<Object>>> groups = new LinkedHashMap<>();
    for (List<Object> row : input) {
      List<Object> key = new ArrayList<>();
      for (Expression grouping : node.groupings()) {
        key.add(row.get(((BoundRef) grouping).index()));
      }
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
    }
    List<List<Object>> out = new ArrayList<>();
    for (Map.Entry<List<Object>, List<List<Object>>> group : groups.entrySet()) {
      List<Object> states = new ArrayList<>(group.getKey());
      for (AggregateCall call : node.aggregates()) {
        List<Object> values = new ArrayList<>();
        for (List<Object> row : group.getValue()) {
          Object value = call.input() == null ? 1 : value(call.input(), row);
          if (value != null) {
            values.add(value);
          }
        }
        switch (call.function()) {
          case COUNT -> states.add((long) values.size());
          case SUM -> states.add(sum(call.input().dataType(), values));
          case AVG -> {
            states.add(sum(call.input().dataType(), values));
            states.add((long) values.size());
          }
          case MIN, MAX -> states.add(extreme(values, call.function() == AggregateFunction.MAX));
        }
      }
      out.add(states);
    }
    return out;
  }

  private static Object value(Expression input, List<Object> row) {
    if (input instanceof BoundRef ref) {
      return row.get(ref.index());
    }
    BigDecimal d = (BigDecimal) row.get(D.index());
    return d == null ? null : d.multiply(d);
  }

  private static Object sum(DataType type, List<Object> values) {
    if (values.isEmpty()) {
      return null;
    }
    if (type instanceof DataType.Decimal) {
      return values.stream().map(BigDecimal.class::cast).reduce(BigDecimal::add).orElseThrow();
    }
    long sum = 0;
    for (Object value : values) {
      sum += ((Number) value).longValue();
    }
    return sum;
  }

  /**
   * The first least (greatest) value in row order, as the CPU's MinMaxAccumulator keeps it: doubles
   * with NaN above every number and -0.0 equal to 0.0, other values in their natural order.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object extreme(List<Object> values, boolean max) {
    if (values.isEmpty()) {
      return null;
    }
    Object best = values.get(0);
    for (Object value : values) {
      int order = value instanceof Double d ? cpuOrder(d, (Double) best) : ((Comparable) value).compareTo(best);
      if (max ? order > 0 : order < 0) {
        best = value;
      }
    }
    return best;
  }

  private static int cpuOrder(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Boolean.compare(Double.isNaN(a), Double.isNaN(b));
    }
    return a < b ? -1 : a > b ? 1 : 0;
  }

  private static List<List<Expression>> groupings() {
    return List.of(List.of(), List.of(K), List.of(S), List.of(I), List.of(DAY), List.of(K, S), List.of(DAY, S, I));
  }

  @Test
  void testSupportedAndUnsupportedAggregations() {
    GpuOperators operators = new CudaGpuOperators();
    for (List<Expression> groupings : groupings()) {
      assertThat(operators.unsupported(node(groupings, CALLS))).as(groupings.toString()).isEmpty();
    }
    assertThat(operators.unsupported(node(List.of(X), CALLS))).contains("grouping key x of type float64 not supported on GPU");
    assertThat(operators.unsupported(node(List.of(), List.of(call(AggregateFunction.SUM, X)))))
        .get().asString().contains("float64 sum depends on the order");
    assertThat(operators.unsupported(node(List.of(), List.of(call(AggregateFunction.MAX, S)))))
        .contains("type utf8 not supported");
    assertThat(operators.unsupported(node(List.of(new Arithmetic(Arithmetic.Op.ADD, K, K)), CALLS)))
        .get().asString().startsWith("grouping by expression");
    PlanNodeId id = new PlanNodeId(2);
    ColumnarAggregateExec partial = node(List.of(K), CALLS);
    ColumnarAggregateExec merge = new ColumnarAggregateExec(id, partial, AggregateMode.FINAL, List.of(K), CALLS,
        partial.schema());
    assertThat(operators.unsupported(merge)).contains("only partial aggregation runs on the GPU");
  }

  @Test
  void testSameStatesAsPlainJavaOnRandomBatches() {
    assumeTrue("fake-gpu".equals(System.getProperty("sluice.test.gpu.environment")), "needs the fake-gpu execution");
    Path dir = Path.of(System.getProperty("sluice.test.fakecuda.dir", "target/fakecuda"));
    assumeTrue(Files.exists(dir.resolve("libcuda.so.1")), "fake CUDA driver not built (no g++?)");
    assertThat(CudaRuntime.status().available()).as(CudaRuntime.status().toString()).isTrue();
    GpuOperators gpu = new CudaGpuOperators();
    Random random = new Random(17);
    // 3000 distinct keys outgrow the first group table; 400 distinct pairs of two keys use dense codes.
    // With a thread per block (the fake-gpu-threads execution) launches are slow: the larger cases only
    boolean threads = "threads".equals(System.getenv("FAKECUDA_EXEC"));
    for (int keys : threads ? new int[] {6, 400} : new int[] {1, 6, 400, 3000}) {
      for (int rows : threads ? new int[] {600} : new int[] {0, 1, 255, 4099}) {
        for (List<Expression> groupings : groupings()) {
          ColumnarAggregateExec node = node(groupings, CALLS);
          try (Batch input = batch(random, rows, keys)) {
            try (Batch out = gpu.partialAggregate(node, input, allocator)) {
              if (rows == 0) {
                assertThat(out).isNull();
                continue;
              }
              assertThat(out.arrowSchema()).isEqualTo(node.schema().toArrow());
              assertThat(rows(out)).as(node.describe() + " over " + rows + " rows, " + keys + " keys")
                  .isEqualTo(reference(node, input));
            }
          }
        }
      }
    }
  }

  @Test
  void testDecimalSumsBeyondSixtyFourBitsAreExact() {
    assumeTrue("fake-gpu".equals(System.getProperty("sluice.test.gpu.environment")), "needs the fake-gpu execution");
    DataType wide = DataType.decimal(18, 0);
    BoundRef column = new BoundRef(0, "w", wide);
    Schema schema = new Schema(List.of(new Field("w", wide)));
    int rows = 40;
    long[] values = new long[rows];
    Arrays.fill(values, 999_999_999_999_999_999L);
    values[3] = -999_999_999_999_999_999L;
    AggregateCall sum = call(AggregateFunction.SUM, column);
    ColumnarAggregateExec node = node(List.of(), List.of(sum, call(AggregateFunction.AVG, column)));
    try (Batch input = ArrowColumns.write(new VectorBatch(schema, List.of(new LongData(wide, values, null, rows)),
        rows), allocator);
        Batch out = new CudaGpuOperators().partialAggregate(node, input, allocator)) {
      BigDecimal expected = new BigDecimal("999999999999999999").multiply(BigDecimal.valueOf(38));
      assertThat(rows(out)).containsExactly(List.of(expected, expected, 40L));
    }
  }
}
