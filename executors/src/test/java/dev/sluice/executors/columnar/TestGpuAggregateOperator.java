package dev.sluice.executors.columnar;

import static dev.sluice.executors.columnar.AggregateData.K_BOOL;
import static dev.sluice.executors.columnar.AggregateData.K_DATE;
import static dev.sluice.executors.columnar.AggregateData.K_DEC;
import static dev.sluice.executors.columnar.AggregateData.K_LONG;
import static dev.sluice.executors.columnar.AggregateData.K_STR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.device.GpuOperators;
import dev.sluice.engine.device.Placement;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.expr.AggregateCall;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.physical.AggregateMode;
import dev.sluice.engine.plan.physical.AggregateStates;
import dev.sluice.engine.plan.physical.ColumnarAggregateExec;
import dev.sluice.engine.plan.physical.FilterProjectExec;
import dev.sluice.engine.plan.physical.ValuesScanExec;
import dev.sluice.engine.plan.split.ValuesSplit;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.VectorBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link GpuAggregateOperator} with a stand-in {@link GpuOperators} that answers each batch with the
 * CPU's partial aggregation of it (groups in reverse order) and throws on chosen calls: its partial
 * output merged by a {@code FINAL} {@link ColumnarAggregateOperator} equals the plain-Java
 * reference ({@link AggregateData}), with and without fallbacks, and the task counters tell GPU
 * batches from fallbacks. A global aggregate over no rows emits exactly the CPU operator's row.
 */
@Timeout(120)
class TestGpuAggregateOperator {
  /** Input batch sizes; the empty ones are skipped before the GPU. */
  private static final int[] BATCH_ROWS = {700, 0, 1, 1500, 333, 0, 2000, 64, 1200};
  private static final int NON_EMPTY = (int) Arrays.stream(BATCH_ROWS).filter(rows -> rows > 0).count();

  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  /** A "GPU" answering with the CPU's partial aggregation of the batch alone, but throwing on the calls listed. */
  private final class FlakyGpu implements GpuOperators {
    private final Set<Integer> failing;
    private final OperatorContext context = OperatorContext.of("fake-gpu", allocator, 64, 64);
    int calls;

    FlakyGpu(Set<Integer> failing) {
      this.failing = failing;
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
    public Optional<String> unsupported(ColumnarAggregateExec node) {
      return Optional.empty();
    }

    @Override
    public Batch partialAggregate(ColumnarAggregateExec node, Batch input, BufferAllocator allocator) {
      int call = calls++;
      assertThat(node.mode()).isEqualTo(AggregateMode.PARTIAL);
      assertThat(input.rowCount()).isPositive();
      if (failing.contains(call)) {
        throw new IllegalStateException("CUDA_ERROR_OUT_OF_MEMORY on call " + call);
      }
      // the caller keeps the input: aggregate a copy of it
      Batch copy = ArrowColumns.write(ArrowColumns.read(input), allocator);
      Batch states;
      try (Operator cpu = new CoalesceBatchesOperator(Integer.MAX_VALUE,
          new ColumnarAggregateOperator(node, new GivenBatches(List.of(copy)), context), context)) {
        states = cpu.next();
        assertThat(cpu.next()).isNull();
      }
      if (states == null) {
        return null;
      }
      try (states) {
        // the groups' order may differ from the CPU's
        int rows = states.rowCount();
        int[] rowOf = IntStream.range(0, rows).map(i -> rows - 1 - i).toArray();
        return ArrowGather.gather(new ArrowGather.Source[] {new ArrowGather.Source(states)}, new int[rows], rowOf,
            rows, allocator);
      }
    }
  }

  private static ColumnarAggregateExec node(AggregateMode mode, List<Expression> keys, List<AggregateCall> calls) {
    ValuesScanExec child =
        new ValuesScanExec(new PlanNodeId(1), List.of(new ValuesSplit(new byte[0], 0)), Object.class);
    if (mode == AggregateMode.FINAL) {
      List<Expression> bound = new ArrayList<>();
      for (int k = 0; k < keys.size(); k++) {
        bound.add(new BoundRef(k, "_g" + k, keys.get(k).dataType()));
      }
      keys = bound;
    }
    Schema schema = mode == AggregateMode.PARTIAL ? AggregateStates.partialSchema(keys, calls)
        : AggregateData.finalSchema(keys, calls);
    return new ColumnarAggregateExec(new PlanNodeId(2), child, mode, keys, calls, schema,
        mode == AggregateMode.PARTIAL ? Placement.GPU : Placement.cpu("final"));
  }

  private static List<Expression> keys(int... columns) {
    return Arrays.stream(columns).mapToObj(c -> (Expression) AggregateData.column(c)).toList();
  }

  private static List<VectorBatch> data(long seed) {
    List<VectorBatch> data = new ArrayList<>();
    for (int b = 0; b < BATCH_ROWS.length; b++) {
      int rows = BATCH_ROWS[b];
      data.addAll(rows == 0 ? List.of(emptyLike()) : AggregateData.random(seed * 100 + b, rows, rows, 300, 0.2));
    }
    return data;
  }

  private static VectorBatch emptyLike() {
    return AggregateData.random(0, 1, 1, 1, 0.0).get(0).gather(new int[0], 0);
  }

  /** Key → final values of the merge of partial state batches (closed here); fails on a key seen twice. */
  private Map<List<Object>, List<Object>> merge(List<Batch> partials, List<Expression> keys,
      List<AggregateCall> calls) {
    Map<List<Object>, List<Object>> out = new HashMap<>();
    try (ColumnarAggregateOperator merge = new ColumnarAggregateOperator(node(AggregateMode.FINAL, keys, calls),
        new GivenBatches(partials), OperatorContext.of("final", allocator, 64, 64))) {
      for (List<Object> row : ArrowValues.drain(merge)) {
        List<Object> previous = out.put(row.subList(0, keys.size()), row.subList(keys.size(), row.size()));
        assertThat(previous).as("group %s emitted twice", row.subList(0, keys.size())).isNull();
      }
    }
    return out;
  }

  static Stream<Arguments> cases() {
    List<Set<Integer>> failures = List.of(Set.of(), Set.of(1, 2, 5), IntStream.range(0, NON_EMPTY).boxed()
        .collect(Collectors.toSet()));
    List<int[]> keySets = List.of(new int[] {}, new int[] {K_LONG}, new int[] {K_STR, K_DATE},
        new int[] {K_DEC, K_BOOL});
    List<Arguments> out = new ArrayList<>();
    for (int[] keySet : keySets) {
      for (Set<Integer> failing : failures) {
        out.add(Arguments.of(keySet, failing));
      }
    }
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void partialStatesMergeToTheReference(int[] keyColumns, Set<Integer> failing) {
    List<VectorBatch> data = data(keyColumns.length * 13L + failing.size());
    List<AggregateCall> calls = AggregateData.allCalls();
    List<Expression> keys = keys(keyColumns);
    Map<List<Object>, List<Object>> expected = AggregateData.reference(data, keyColumns, calls);

    OperatorContext context = OperatorContext.of("gpu", allocator, 64, 64);
    FlakyGpu gpu = new FlakyGpu(failing);
    GivenBatches source = GivenBatches.of(data, allocator);
    List<Batch> partials;
    try (GpuAggregateOperator operator =
        new GpuAggregateOperator(node(AggregateMode.PARTIAL, keys, calls), source, context, gpu)) {
      partials = ArrowValues.batches(operator);
      assertThat(operator.next()).isNull();
      assertThat(source.closed()).isTrue();
      assertThat(operator.metrics().batchesOut()).isEqualTo(partials.size());
    }
    Schema partialSchema = AggregateStates.partialSchema(keys, calls);
    partials.forEach(batch -> {
      assertThat(batch.rowCount()).isPositive();
      assertThat(batch.arrowSchema()).isEqualTo(partialSchema.toArrow());
    });
    // one partial result per non-empty input batch
    assertThat(partials).hasSize(NON_EMPTY);
    assertThat(merge(partials, keys, calls)).isEqualTo(expected);
    assertThat(gpu.calls).isEqualTo(NON_EMPTY);
    assertThat(context.counters().gpuBatches()).isEqualTo(NON_EMPTY - failing.size());
    assertThat(context.counters().gpuFallbackBatches()).isEqualTo(failing.size());
  }

  @Test
  void globalAggregateOverNoRowsEqualsTheCpu() {
    List<AggregateCall> calls = AggregateData.allCalls();
    ColumnarAggregateExec node = node(AggregateMode.PARTIAL, List.of(), calls);
    List<List<Object>> expected;
    try (ColumnarAggregateOperator cpu = new ColumnarAggregateOperator(node, new GivenBatches(List.of()),
        OperatorContext.of("cpu", allocator, 64, 64))) {
      expected = ArrowValues.drain(cpu);
    }
    assertThat(expected).hasSize(1);
    for (List<VectorBatch> input : List.of(List.<VectorBatch>of(), List.of(emptyLike(), emptyLike()))) {
      OperatorContext context = OperatorContext.of("gpu", allocator, 64, 64);
      FlakyGpu gpu = new FlakyGpu(Set.of());
      try (GpuAggregateOperator operator =
          new GpuAggregateOperator(node, GivenBatches.of(input, allocator), context, gpu)) {
        assertThat(ArrowValues.drain(operator)).isEqualTo(expected);
        assertThat(operator.next()).isNull();
      }
      assertThat(gpu.calls).isZero();
      assertThat(context.counters().gpuBatches()).isZero();
      assertThat(context.counters().gpuFallbackBatches()).isZero();
      // merged, it is the reference's row for no input
      List<Batch> partials;
      try (GpuAggregateOperator operator =
          new GpuAggregateOperator(node, GivenBatches.of(input, allocator), context, gpu)) {
        partials = ArrowValues.batches(operator);
      }
      assertThat(merge(partials, List.of(), calls)).isEqualTo(AggregateData.reference(List.of(), new int[0], calls));
    }
  }

  @Test
  void groupedAggregateOverNoRowsGivesNothing() {
    OperatorContext context = OperatorContext.of("gpu", allocator, 64, 64);
    try (GpuAggregateOperator operator = new GpuAggregateOperator(
        node(AggregateMode.PARTIAL, keys(K_LONG), AggregateData.allCalls()),
        GivenBatches.of(List.of(emptyLike()), allocator), context, new FlakyGpu(Set.of()))) {
      assertThat(operator.next()).isNull();
    }
  }

  @Test
  void closingEarlyFreesEverything() {
    List<VectorBatch> data = data(3);
    OperatorContext context = OperatorContext.of("gpu", allocator, 64, 64);
    GivenBatches source = GivenBatches.of(data, allocator);
    try (GpuAggregateOperator operator = new GpuAggregateOperator(
        node(AggregateMode.PARTIAL, keys(K_STR), AggregateData.allCalls()), source, context,
        new FlakyGpu(Set.of(0)))) {
      try (Batch first = operator.next()) {
        assertThat(first.rowCount()).isPositive();
      }
    }
    assertThat(source.closed()).isTrue();
    assertThat(allocator.getAllocatedMemory()).isZero();
  }
}
