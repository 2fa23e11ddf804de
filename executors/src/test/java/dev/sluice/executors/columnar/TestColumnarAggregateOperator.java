package dev.sluice.executors.columnar;

import static dev.sluice.executors.columnar.AggregateData.K_BOOL;
import static dev.sluice.executors.columnar.AggregateData.K_DATE;
import static dev.sluice.executors.columnar.AggregateData.K_DBL;
import static dev.sluice.executors.columnar.AggregateData.K_DEC;
import static dev.sluice.executors.columnar.AggregateData.K_LONG;
import static dev.sluice.executors.columnar.AggregateData.K_STR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.expr.AggregateCall;
import dev.sluice.engine.expr.AggregateFunction;
import dev.sluice.engine.expr.Arithmetic;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.Literal;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.physical.AggregateMode;
import dev.sluice.engine.plan.physical.AggregateStates;
import dev.sluice.engine.plan.physical.ColumnarAggregateExec;
import dev.sluice.engine.plan.physical.ValuesScanExec;
import dev.sluice.engine.plan.split.ValuesSplit;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.VectorBatch;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The columnar aggregate against a plain-Java reference ({@link AggregateData}): every function,
 * every key type, nulls, skew, no grouping, empty input; partial then final over chunks; and a
 * budget so small that partial aggregates flush and final/complete ones spill, recursively.
 */
class TestColumnarAggregateOperator {
  private static final long TINY_BUDGET = 1;

  @TempDir
  Path spillDirectory;

  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() throws IOException {
    allocator.close();
    try (Stream<Path> files = Files.list(spillDirectory)) {
      assertThat(files).as("spill files left behind").isEmpty();
    }
  }

  private OperatorContext context(long budget) {
    return new OperatorContext("job-0/stage-0/task-0.0", allocator, 4096, 65536, budget, spillDirectory);
  }

  private static ColumnarAggregateExec node(AggregateMode mode, List<Expression> keys, List<AggregateCall> calls) {
    ValuesScanExec child = new ValuesScanExec(new PlanNodeId(1), List.of(new ValuesSplit(new byte[0], 0)), Object.class);
    if (mode == AggregateMode.FINAL) {
      List<Expression> bound = new ArrayList<>();
      for (int k = 0; k < keys.size(); k++) {
        bound.add(new BoundRef(k, "_g" + k, keys.get(k).dataType()));
      }
      keys = bound;
    }
    Schema schema = mode == AggregateMode.PARTIAL ? AggregateStates.partialSchema(keys, calls)
        : AggregateData.finalSchema(keys, calls);
    return new ColumnarAggregateExec(new PlanNodeId(2), child, mode, keys, calls, schema);
  }

  private static List<Expression> keys(int... columns) {
    return Arrays.stream(columns).mapToObj(c -> (Expression) AggregateData.column(c)).toList();
  }

  /** Runs one operator over the batches (given as Arrow, owned by the source) and returns its output batches. */
  /** Runs so far, to alternate the input's form. */
  private int runs;

  private List<Batch> run(AggregateMode mode, List<Expression> keys, List<AggregateCall> calls, List<Batch> input,
      long budget, int[] counters) {
    GivenBatches source = new GivenBatches(input);
    // raw input comes as Arrow or, every other run, as Java arrays from a producer in the same task
    boolean vectors = mode != AggregateMode.FINAL && (runs++ % 2 == 1);
    Operator child = vectors ? new GivenVectors(source) : source;
    try (ColumnarAggregateOperator operator =
        new ColumnarAggregateOperator(node(mode, keys, calls), child, context(budget))) {
      List<Batch> out = ArrowValues.batches(operator);
      out.forEach(batch -> assertThat(batch.rowCount()).isBetween(1, ColumnarAggregateOperator.OUTPUT_ROWS));
      assertThat(source.closed()).isTrue();
      if (counters != null) {
        counters[0] += operator.spillCount();
        counters[1] += operator.flushCount();
        assertThat(operator.spilledBytes() > 0).isEqualTo(operator.spillCount() > 0);
      }
      return out;
    }
  }

  private List<Batch> arrow(List<VectorBatch> data) {
    return data.stream().map(batch -> dev.sluice.engine.vector.ArrowColumns.write(batch, allocator)).toList();
  }

  /** Key → values of a final or complete output; fails on a key seen twice. */
  private static Map<List<Object>, List<Object>> groups(List<Batch> output, int keyCount) {
    Map<List<Object>, List<Object>> out = new HashMap<>();
    for (Batch batch : output) {
      try (batch) {
        for (List<Object> row : ArrowValues.rows(batch)) {
          List<Object> previous = out.put(row.subList(0, keyCount), row.subList(keyCount, row.size()));
          assertThat(previous).as("group %s emitted twice", row.subList(0, keyCount)).isNull();
        }
      }
    }
    return out;
  }

  /** Complete, and partial over three chunks then final. */
  private Map<List<Object>, List<Object>> completeAndTwoPhase(List<VectorBatch> data, int[] keyColumns,
      List<AggregateCall> calls, long budget, int[] counters) {
    List<Expression> keys = keys(keyColumns);
    Map<List<Object>, List<Object>> complete =
        groups(run(AggregateMode.COMPLETE, keys, calls, arrow(data), budget, counters), keys.size());
    List<Batch> partials = new ArrayList<>();
    int chunk = Math.max(1, (data.size() + 2) / 3);
    for (int from = 0; from < Math.max(1, data.size()); from += chunk) {
      List<VectorBatch> part = data.subList(Math.min(from, data.size()), Math.min(from + chunk, data.size()));
      partials.addAll(run(AggregateMode.PARTIAL, keys, calls, arrow(part), budget, counters));
    }
    Map<List<Object>, List<Object>> twoPhase =
        groups(run(AggregateMode.FINAL, keys, calls, partials, budget, counters), keys.size());
    assertThat(twoPhase).isEqualTo(complete);
    return complete;
  }

  static Stream<Arguments> keySets() {
    return Stream.of(
        Arguments.of(new int[] {}, 0.0),
        Arguments.of(new int[] {K_LONG}, 0.0),
        Arguments.of(new int[] {K_LONG}, 0.6),
        Arguments.of(new int[] {K_STR}, 0.3),
        Arguments.of(new int[] {K_DATE}, 0.0),
        Arguments.of(new int[] {K_DEC}, 0.2),
        Arguments.of(new int[] {K_DBL}, 0.1),
        Arguments.of(new int[] {K_BOOL}, 0.0),
        Arguments.of(new int[] {K_STR, K_DATE}, 0.1),
        Arguments.of(new int[] {K_LONG, K_DBL, K_BOOL}, 0.5),
        Arguments.of(new int[] {K_DEC, K_STR, K_LONG}, 0.0));
  }

  @ParameterizedTest
  @MethodSource("keySets")
  void everyFunctionMatchesTheReference(int[] keyColumns, double skew) {
    List<VectorBatch> data = AggregateData.random(keyColumns.length * 31L + (long) (skew * 100), 12_000, 1500, 400, skew);
    List<AggregateCall> calls = AggregateData.allCalls();
    Map<List<Object>, List<Object>> expected = AggregateData.reference(data, keyColumns, calls);
    assertThat(completeAndTwoPhase(data, keyColumns, calls, Long.MAX_VALUE, null)).isEqualTo(expected);
  }

  /** Few distinct short strings per batch: the batch key dictionary path, incl. nulls and "". */
  @ParameterizedTest
  @MethodSource("fewStringKeySets")
  void fewDistinctShortStringKeysMatchTheReference(int[] keyColumns, double skew) {
    List<VectorBatch> data = AggregateData.random(keyColumns.length * 7L + (long) (skew * 10), 20_000, 700, 120, skew);
    List<AggregateCall> calls = AggregateData.allCalls();
    Map<List<Object>, List<Object>> expected = AggregateData.reference(data, keyColumns, calls);
    assertThat(completeAndTwoPhase(data, keyColumns, calls, Long.MAX_VALUE, null)).isEqualTo(expected);
  }

  static Stream<Arguments> fewStringKeySets() {
    return Stream.of(
        Arguments.of(new int[] {K_STR}, 0.0),
        Arguments.of(new int[] {K_STR}, 0.7),
        Arguments.of(new int[] {K_STR, K_STR}, 0.2));
  }

  @Test
  void computedKeysAndInputsGoThroughTheKernels() {
    List<VectorBatch> data = AggregateData.random(17, 9000, 2000, 300, 0.1);
    Expression key = new Arithmetic(Arithmetic.Op.REMAINDER, AggregateData.column(K_LONG), Literal.of(7L));
    List<AggregateCall> calls = List.of(AggregateCall.countStar(),
        new AggregateCall(AggregateFunction.SUM,
            new Arithmetic(Arithmetic.Op.MULTIPLY, AggregateData.column(7), Literal.of(3L)), false),
        new AggregateCall(AggregateFunction.MAX,
            new Arithmetic(Arithmetic.Op.MULTIPLY, AggregateData.column(8), Literal.of(2.0)), false));
    // the same values computed in plain Java, as bound columns of a derived batch
    List<VectorBatch> derived = new ArrayList<>();
    Schema schema = new Schema(List.of(new Field("m", DataType.INT64), new Field("l", DataType.INT64),
        new Field("d", DataType.FLOAT64)));
    for (VectorBatch batch : data) {
      int rows = batch.rowCount();
      long[] mod = new long[rows];
      long[] tripled = new long[rows];
      double[] doubled = new double[rows];
      for (int i = 0; i < rows; i++) {
        mod[i] = ((LongData) batch.column(K_LONG)).values()[i] % 7;
        tripled[i] = ((LongData) batch.column(7)).values()[i] * 3;
        doubled[i] = ((dev.sluice.engine.vector.DoubleData) batch.column(8)).values()[i] * 2.0;
      }
      derived.add(new VectorBatch(schema, List.of(new LongData(DataType.INT64, mod, batch.column(K_LONG).nulls(), rows),
          new LongData(DataType.INT64, tripled, batch.column(7).nulls(), rows),
          new dev.sluice.engine.vector.DoubleData(doubled, batch.column(8).nulls(), rows)), rows));
    }
    List<AggregateCall> referenceCalls = List.of(AggregateCall.countStar(),
        new AggregateCall(AggregateFunction.SUM, new BoundRef(1, "l", DataType.INT64), false),
        new AggregateCall(AggregateFunction.MAX, new BoundRef(2, "d", DataType.FLOAT64), false));
    Map<List<Object>, List<Object>> expected = AggregateData.reference(derived, new int[] {0}, referenceCalls);
    Map<List<Object>, List<Object>> complete =
        groups(run(AggregateMode.COMPLETE, List.of(key), calls, arrow(data), Long.MAX_VALUE, null), 1);
    assertThat(complete).isEqualTo(expected);
    List<Batch> partials = new ArrayList<>();
    partials.addAll(run(AggregateMode.PARTIAL, List.of(key), calls, arrow(data.subList(0, 2)), Long.MAX_VALUE, null));
    partials.addAll(run(AggregateMode.PARTIAL, List.of(key), calls, arrow(data.subList(2, data.size())),
        Long.MAX_VALUE, null));
    assertThat(groups(run(AggregateMode.FINAL, List.of(key), calls, partials, Long.MAX_VALUE, null), 1))
        .isEqualTo(expected);
  }

  @Test
  void tinyBudgetFlushesAndSpillsRecursivelyWithTheSameResults() {
    List<VectorBatch> data = AggregateData.random(7, 40_000, 4000, 25_000, 0.2);
    int[] keyColumns = {K_LONG, K_STR};
    List<AggregateCall> calls = AggregateData.allCalls();
    Map<List<Object>, List<Object>> expected = AggregateData.reference(data, keyColumns, calls);
    int[] counters = new int[2];
    assertThat(completeAndTwoPhase(data, keyColumns, calls, TINY_BUDGET, counters)).isEqualTo(expected);
    assertThat(counters[0]).as("spills").isGreaterThan(2);
    assertThat(counters[1]).as("partial flushes").isPositive();
  }

  @Test
  void manyGroupsComeOutInSeveralBatches() {
    int rows = ColumnarAggregateOperator.OUTPUT_ROWS + 5000;
    long[] keys = new long[rows];
    for (int i = 0; i < rows; i++) {
      keys[i] = rows - i;
    }
    VectorBatch data = new VectorBatch(new Schema(List.of(new Field("k", DataType.INT64))),
        List.of(new LongData(DataType.INT64, keys, null, rows)), rows);
    List<Expression> groupKeys = List.of(new BoundRef(0, "k", DataType.INT64));
    List<Batch> out = run(AggregateMode.COMPLETE, groupKeys, List.of(AggregateCall.countStar()),
        arrow(List.of(data)), Long.MAX_VALUE, null);
    assertThat(out).hasSize(2);
    Map<List<Object>, List<Object>> groups = groups(out, 1);
    assertThat(groups).hasSize(rows);
    assertThat(groups.values()).allMatch(values -> values.equals(List.of(1L)));
  }

  @Test
  void noGroupingOverEmptyInputGivesOneRow() {
    List<AggregateCall> calls = AggregateData.allCalls();
    List<Object> expected = AggregateData.reference(List.of(), new int[0], calls).get(List.of());
    assertThat(expected.get(0)).isEqualTo(0L);
    assertThat(completeAndTwoPhase(List.of(), new int[0], calls, Long.MAX_VALUE, null))
        .isEqualTo(Map.of(List.of(), expected));
    List<Batch> partial = run(AggregateMode.PARTIAL, List.of(), calls, List.of(), Long.MAX_VALUE, null);
    assertThat(partial).hasSize(1);
    assertThat(partial.get(0).rowCount()).isEqualTo(1);
    List<Batch> finalInput = new ArrayList<>(partial);
    finalInput.addAll(run(AggregateMode.PARTIAL, List.of(), calls, List.of(), Long.MAX_VALUE, null));
    assertThat(groups(run(AggregateMode.FINAL, List.of(), calls, finalInput, Long.MAX_VALUE, null), 0))
        .isEqualTo(Map.of(List.of(), expected));
  }

  @Test
  void groupedEmptyInputAndEmptyBatchesGiveNothing() {
    VectorBatch empty = AggregateData.random(3, 1, 10, 5, 0).get(0).gather(new int[0], 0);
    List<Batch> out = run(AggregateMode.COMPLETE, keys(K_LONG), AggregateData.allCalls(), arrow(List.of(empty, empty)),
        Long.MAX_VALUE, null);
    assertThat(out).isEmpty();
    List<VectorBatch> data = new ArrayList<>(AggregateData.random(11, 3000, 1000, 50, 0));
    data.add(1, empty);
    assertThat(completeAndTwoPhase(data, new int[] {K_STR}, AggregateData.allCalls(), Long.MAX_VALUE, null))
        .isEqualTo(AggregateData.reference(data, new int[] {K_STR}, AggregateData.allCalls()));
  }

  @Test
  void decimalSumsGoBeyond64Bits() {
    int rows = 100;
    DataType.Decimal type = new DataType.Decimal(18, 0);
    long[] values = new long[rows];
    long[] groupsOf = new long[rows];
    for (int i = 0; i < rows; i++) {
      values[i] = 900_000_000_000_000_000L + i;
      groupsOf[i] = i % 2;
    }
    VectorBatch data = new VectorBatch(new Schema(List.of(new Field("g", DataType.INT64), new Field("d", type))),
        List.of(new LongData(DataType.INT64, groupsOf, null, rows), new LongData(type, values, null, rows)), rows);
    BoundRef input = new BoundRef(1, "d", type);
    List<AggregateCall> calls = List.of(new AggregateCall(AggregateFunction.SUM, input, false),
        new AggregateCall(AggregateFunction.AVG, input, false));
    Map<List<Object>, List<Object>> expected = Map.of(
        List.of(0L), List.of(new BigDecimal("45000000000000002450"), new BigDecimal("900000000000000049.0000")),
        List.of(1L), List.of(new BigDecimal("45000000000000002500"), new BigDecimal("900000000000000050.0000")));
    assertThat(AggregateData.reference(List.of(data), new int[] {0}, calls)).isEqualTo(expected);
    List<VectorBatch> halves = List.of(data.gather(range(0, 50), 50), data.gather(range(50, 50), 50));
    Map<List<Object>, List<Object>> actual = new HashMap<>();
    List<Expression> keys = List.of(new BoundRef(0, "g", DataType.INT64));
    List<Batch> partials = new ArrayList<>();
    for (VectorBatch half : halves) {
      partials.addAll(run(AggregateMode.PARTIAL, keys, calls, arrow(List.of(half)), Long.MAX_VALUE, null));
    }
    actual.putAll(groups(run(AggregateMode.FINAL, keys, calls, partials, Long.MAX_VALUE, null), 1));
    assertThat(actual).isEqualTo(expected);
  }

  /** decimal(30,10) sums to decimal(38,8) (Spark's rules cut the scale): exact, rounded once, also when spilled. */
  @Test
  void decimalSumWithACutScaleRoundsOnceAtTheEnd() {
    DataType.Decimal type = new DataType.Decimal(30, 10);
    BoundRef input = new BoundRef(1, "d", type);
    List<AggregateCall> calls = List.of(new AggregateCall(AggregateFunction.SUM, input, false));
    assertThat(calls.get(0).dataType()).isEqualTo(new DataType.Decimal(38, 8));
    java.util.Random random = new java.util.Random(5);
    int rows = 30_000;
    long[] keys = new long[rows];
    long[] values = new long[rows];
    for (int i = 0; i < rows; i++) {
      keys[i] = random.nextInt(3000);
      values[i] = random.nextLong() % 1_000_000_000_000L;
    }
    VectorBatch data = new VectorBatch(new Schema(List.of(new Field("k", DataType.INT64), new Field("d", type))),
        List.of(new LongData(DataType.INT64, keys, null, rows), new LongData(type, values, null, rows)), rows);
    List<VectorBatch> batches = List.of(data.gather(range(0, 10_000), 10_000), data.gather(range(10_000, 20_000),
        20_000));
    Map<List<Object>, List<Object>> expected = AggregateData.reference(batches, new int[] {0}, calls);
    List<Expression> groupKeys = List.of(new BoundRef(0, "k", DataType.INT64));
    int[] counters = new int[2];
    for (long budget : new long[] {Long.MAX_VALUE, TINY_BUDGET}) {
      assertThat(groups(run(AggregateMode.COMPLETE, groupKeys, calls, arrow(batches), budget, counters), 1))
          .isEqualTo(expected);
    }
    assertThat(counters[0]).isPositive();
  }

  private static int[] range(int from, int count) {
    int[] out = new int[count];
    Arrays.setAll(out, i -> from + i);
    return out;
  }

  @Test
  void decimalSumBeyondItsPrecisionFails() {
    DataType.Decimal inputType = new DataType.Decimal(18, 0);
    List<AggregateCall> calls = List.of(new AggregateCall(AggregateFunction.SUM, new BoundRef(0, "d", inputType),
        false));
    Schema states = AggregateStates.partialSchema(List.of(), calls);
    assertThat(states.fields().get(0).type()).isEqualTo(new DataType.Decimal(28, 0));
    VectorSchemaRoot root = VectorSchemaRoot.create(states.toArrow(), allocator);
    DecimalVector sums = (DecimalVector) root.getVector(0);
    sums.allocateNew(2);
    sums.set(0, new BigDecimal("6000000000000000000000000000"));
    sums.set(1, new BigDecimal("6000000000000000000000000000"));
    root.setRowCount(2);
    GivenBatches source = new GivenBatches(List.of(new Batch(root)));
    try (Operator operator = new ColumnarAggregateOperator(node(AggregateMode.FINAL, List.of(), calls), source,
        context(Long.MAX_VALUE))) {
      assertThatThrownBy(operator::next).isInstanceOfSatisfying(EngineException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.NUMERIC_OVERFLOW))
          .hasMessageContaining("r0").hasMessageContaining("decimal(28,0)");
    }
  }

  @Test
  void integerSumsWrapAsSparkDoes() {
    long[] values = {Long.MAX_VALUE, 1, 2};
    VectorBatch data = new VectorBatch(new Schema(List.of(new Field("v", DataType.INT64))),
        List.of(new LongData(DataType.INT64, values, null, 3)), 3);
    List<AggregateCall> calls = List.of(new AggregateCall(AggregateFunction.SUM, new BoundRef(0, "v", DataType.INT64),
        false));
    assertThat(groups(run(AggregateMode.COMPLETE, List.of(), calls, arrow(List.of(data)), Long.MAX_VALUE, null), 0))
        .isEqualTo(Map.of(List.of(), List.of(Long.MIN_VALUE + 2)));
  }

  @Test
  void distinctAggregatesAreRejected() {
    List<AggregateCall> calls = List.of(new AggregateCall(AggregateFunction.COUNT, AggregateData.column(6), true));
    ValuesScanExec child = new ValuesScanExec(new PlanNodeId(1), List.of(new ValuesSplit(new byte[0], 0)), Object.class);
    ColumnarAggregateExec node = new ColumnarAggregateExec(new PlanNodeId(2), child, AggregateMode.COMPLETE, List.of(),
        calls, new Schema(List.of(new Field("c", DataType.INT64))));
    GivenBatches source = new GivenBatches(List.of());
    assertThatThrownBy(() -> new ColumnarAggregateOperator(node, source, context(Long.MAX_VALUE)))
        .isInstanceOf(EngineException.class).hasMessageContaining("distinct");
  }

  @Test
  void closingEarlyFreesBatchesAndSpillFiles() {
    List<VectorBatch> data = AggregateData.random(5, 30_000, 3000, 20_000, 0);
    List<Expression> keys = keys(K_LONG);
    List<AggregateCall> calls = AggregateData.allCalls();
    GivenBatches source = new GivenBatches(arrow(data));
    try (ColumnarAggregateOperator operator =
        new ColumnarAggregateOperator(node(AggregateMode.COMPLETE, keys, calls), source, context(TINY_BUDGET))) {
      try (Batch first = operator.next()) {
        assertThat(first.rowCount()).isPositive();
      }
      assertThat(operator.spillCount()).isPositive();
    }
    assertThat(source.closed()).isTrue();
  }

  @Test
  void stateBatchesHaveThePartialLayout() {
    List<VectorBatch> data = AggregateData.random(9, 2000, 1000, 30, 0);
    List<Expression> keys = keys(K_DATE, K_BOOL);
    List<AggregateCall> calls = AggregateData.allCalls();
    Schema expected = AggregateStates.partialSchema(keys, calls);
    for (Batch batch : run(AggregateMode.PARTIAL, keys, calls, arrow(data), Long.MAX_VALUE, null)) {
      try (batch) {
        assertThat(Schema.fromArrow(batch.arrowSchema())).isEqualTo(expected);
      }
    }
  }

  /** A sanity check of the 128-bit helpers against BigInteger. */
  @Test
  void int128MatchesBigInteger() {
    java.util.Random random = new java.util.Random(1);
    long[] word = new long[2];
    for (int i = 0; i < 10_000; i++) {
      long low = random.nextLong();
      long high = random.nextInt(5) == 0 ? low >> 63 : random.nextLong() >> random.nextInt(64);
      BigInteger value = Int128.toBigInteger(low, high);
      assertThat(Int128.low(value)).isEqualTo(low);
      assertThat(Int128.high(value)).isEqualTo(high);
      int precision = 1 + random.nextInt(38);
      assertThat(Int128.fitsPrecision(low, high, precision))
          .isEqualTo(value.abs().compareTo(BigInteger.TEN.pow(precision)) < 0);
      long divisor = 1 + random.nextInt(1000);
      int fromScale = random.nextInt(6);
      int toScale = random.nextInt(10);
      if (value.bitLength() < 90) {
        Int128.divideRescaled(low, high, fromScale, toScale, divisor, word);
        BigInteger expected = new BigDecimal(value, fromScale)
            .divide(BigDecimal.valueOf(divisor), toScale, java.math.RoundingMode.HALF_UP).unscaledValue();
        assertThat(Int128.toBigInteger(word[0], word[1])).isEqualTo(expected);
      }
    }
  }
}
