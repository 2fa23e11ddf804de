package dev.sluice.executors.columnar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.device.GpuOperators;
import dev.sluice.engine.device.Placement;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.expr.Arithmetic;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Comparison;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.Literal;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.physical.FilterProjectExec;
import dev.sluice.engine.plan.physical.RangeScanExec;
import dev.sluice.engine.plan.split.RangeSplit;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.VectorBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link GpuFilterProjectOperator} with a stand-in {@link GpuOperators} that throws on chosen
 * batches: the output equals the CPU operator's batch for batch, and the task counters tell GPU
 * batches from fallbacks.
 */
@Timeout(60)
class TestGpuFilterProjectOperator {
  private static final Schema INPUT = new Schema(List.of(new Field("a", DataType.INT64),
      new Field("x", DataType.FLOAT64), new Field("d", DataType.decimal(12, 2))));
  private static final BoundRef A = new BoundRef(0, "a", DataType.INT64);
  private static final BoundRef X = new BoundRef(1, "x", DataType.FLOAT64);
  private static final BoundRef D = new BoundRef(2, "d", DataType.decimal(12, 2));

  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  /** A "GPU" that answers with the CPU logic, except that it throws on the calls listed. */
  private static final class FlakyGpu implements GpuOperators {
    private final Set<Integer> failing;
    private final OperatorContext context;
    int calls;

    FlakyGpu(Set<Integer> failing, OperatorContext context) {
      this.failing = failing;
      this.context = context;
    }

    @Override
    public Optional<String> unsupported(FilterProjectExec node) {
      return Optional.empty();
    }

    @Override
    public Batch filterProject(FilterProjectExec node, Batch input, BufferAllocator allocator) {
      int call = calls++;
      if (failing.contains(call)) {
        throw new IllegalStateException("CUDA_ERROR_OUT_OF_MEMORY on call " + call);
      }
      return FilterProjectOperator.forBatches(node, context).filterProject(input);
    }
  }

  /** Hands out prepared batches; closes the ones not pulled. */
  private static final class Source implements Operator {
    private final List<Batch> batches;
    private int next;

    Source(List<Batch> batches) {
      this.batches = batches;
    }

    @Override
    public Batch next() {
      return next == batches.size() ? null : batches.get(next++);
    }

    @Override
    public OperatorMetrics metrics() {
      return new OperatorMetrics("Source");
    }

    @Override
    public void close() {
      while (next < batches.size()) {
        batches.get(next++).close();
      }
    }
  }

  private List<Batch> batches(long seed) {
    Random random = new Random(seed);
    List<Batch> out = new ArrayList<>();
    for (int size : new int[] {100, 0, 37, 5, 1000, 64, 3}) {
      long[] a = new long[size];
      double[] x = new double[size];
      long[] d = new long[size];
      boolean[] nulls = new boolean[size];
      for (int i = 0; i < size; i++) {
        // the batch of 5 rows is all filtered out (a >= 1000 there)
        a[i] = size == 5 ? 1000 + i : random.nextInt(200) - 100;
        x[i] = random.nextInt(10) == 0 ? Double.NaN : random.nextDouble() * 10;
        d[i] = random.nextLong(-99_999, 99_999);
        nulls[i] = random.nextInt(6) == 0;
      }
      List<ColumnData> columns = List.of(new LongData(DataType.INT64, a, nulls, size), new DoubleData(x, null, size),
          new LongData(DataType.decimal(12, 2), d, null, size));
      out.add(ArrowColumns.write(new VectorBatch(INPUT, columns, size), allocator));
    }
    return out;
  }

  private static FilterProjectExec node() {
    Expression condition = new Comparison(Comparison.Op.LESS, A, Literal.of(50L));
    List<Expression> projections = List.of(D, new Arithmetic(Arithmetic.Op.MULTIPLY, A, A),
        new Arithmetic(Arithmetic.Op.ADD, X, Literal.of(1.5)));
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < projections.size(); i++) {
      fields.add(new Field("c" + i, projections.get(i).dataType()));
    }
    PlanNodeId id = new PlanNodeId(1);
    return new FilterProjectExec(id, new RangeScanExec(id, List.of(new RangeSplit(0, 1, 1))), condition, projections,
        new Schema(fields), Placement.GPU);
  }

  private static List<List<List<Object>>> drain(Operator operator) {
    List<List<List<Object>>> batches = new ArrayList<>();
    for (Batch next = operator.next(); next != null; next = operator.next()) {
      try (Batch batch = next) {
        assertThat(batch.rowCount()).isPositive();
        VectorBatch columns = ArrowColumns.read(batch);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < columns.rowCount(); i++) {
          List<Object> row = new ArrayList<>();
          for (ColumnData column : columns.columns()) {
            row.add(column.getObject(i));
          }
          rows.add(row);
        }
        batches.add(rows);
      }
    }
    return batches;
  }

  @Test
  void testFallbackBatchesGiveTheCpuAnswerAndAreCounted() {
    FilterProjectExec node = node();
    List<List<List<Object>>> expected;
    try (FilterProjectOperator cpu = new FilterProjectOperator(node, new Source(batches(3)),
        OperatorContext.of("cpu", allocator, 64, 64))) {
      expected = drain(cpu);
    }
    // non-empty input batches: 100, 37, 5 (all filtered out), 1000, 64, 3 → calls 0..5
    OperatorContext context = OperatorContext.of("gpu", allocator, 64, 64);
    FlakyGpu gpu = new FlakyGpu(Set.of(1, 2, 4), context);
    List<List<List<Object>>> actual;
    try (GpuFilterProjectOperator operator = new GpuFilterProjectOperator(node, new Source(batches(3)), context, gpu)) {
      actual = drain(operator);
      assertThat(operator.metrics().rowsOut()).isEqualTo(expected.stream().mapToLong(List::size).sum());
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(gpu.calls).isEqualTo(6);
    assertThat(context.counters().gpuBatches()).isEqualTo(3);
    assertThat(context.counters().gpuFallbackBatches()).isEqualTo(3);
  }

  @Test
  void testEveryBatchFailingStillGivesTheCpuAnswer() {
    FilterProjectExec node = node();
    List<List<List<Object>>> expected;
    try (FilterProjectOperator cpu = new FilterProjectOperator(node, new Source(batches(5)),
        OperatorContext.of("cpu", allocator, 64, 64))) {
      expected = drain(cpu);
    }
    OperatorContext context = OperatorContext.of("gpu", allocator, 64, 64);
    FlakyGpu gpu = new FlakyGpu(Set.of(0, 1, 2, 3, 4, 5), context);
    try (GpuFilterProjectOperator operator = new GpuFilterProjectOperator(node, new Source(batches(5)), context, gpu)) {
      assertThat(drain(operator)).isEqualTo(expected);
    }
    assertThat(context.counters().gpuBatches()).isZero();
    assertThat(context.counters().gpuFallbackBatches()).isEqualTo(6);
  }
}
