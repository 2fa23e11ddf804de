package dev.sluice.executors.columnar;

import static dev.sluice.executors.columnar.SortTestData.asLists;
import static dev.sluice.executors.columnar.SortTestData.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.expr.Arithmetic;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Cast;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.Literal;
import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.physical.ColumnarSortExec;
import dev.sluice.engine.plan.physical.ValuesScanExec;
import dev.sluice.engine.plan.split.ValuesSplit;
import dev.sluice.engine.types.DataType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The columnar sort against a stable Java sort of the same rows (an independent reference), in
 * memory, with a budget that forces many spilled runs, and as top-N.
 */
class TestColumnarSortOperator {
  private static final int BATCH_ROWS = 1000;
  private static final long TINY_BUDGET = 4096;

  @TempDir
  Path spillDirectory;

  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private OperatorContext context(long budget, int batchRows) {
    return new OperatorContext("job-0/stage-0/task-0.0", allocator, batchRows, 65536, budget, spillDirectory);
  }

  private static ColumnarSortExec node(List<SortKey> keys, long limit) {
    ValuesScanExec child = new ValuesScanExec(new PlanNodeId(1), List.of(new ValuesSplit(new byte[0], 0)),
        Object.class);
    return new ColumnarSortExec(new PlanNodeId(2), child, keys, limit, SortTestData.SCHEMA);
  }

  /** Sorts {@code rows} with the operator, fed in batches of the given sizes. */
  private List<Object[]> sort(List<Object[]> rows, List<SortKey> keys, long limit, long budget, int batchRows,
      int... sizes) {
    SortTestData.GivenBatches source = new SortTestData.GivenBatches(SortTestData.batches(rows, allocator, sizes));
    try (ColumnarSortOperator operator = new ColumnarSortOperator(node(keys, limit), source,
        context(budget, batchRows))) {
      List<Object[]> out = SortTestData.drain(operator);
      assertThat(source.closed()).isTrue();
      if (budget == TINY_BUDGET && rows.size() > sizes[0] && limit != 0) {
        assertThat(operator.spillCount()).isGreaterThan(0);
      }
      return out;
    }
  }

  private static List<Object[]> reference(List<Object[]> rows, List<SortKey> keys, long limit) {
    List<Object[]> sorted = new ArrayList<>(rows);
    sorted.sort(SortTestData.reference(keys));
    return limit < 0 ? sorted : sorted.subList(0, (int) Math.min(limit, sorted.size()));
  }

  static Stream<Arguments> orders() {
    return Stream.of(
        Arguments.of("decimal desc, int64 asc (W6)", List.of(key(4, false, false), key(1, true, true))),
        Arguments.of("string asc nulls last, double desc nulls first",
            List.of(key(3, true, false), key(6, false, true))),
        Arguments.of("date, bool desc, int32", List.of(key(5, true, true), key(7, false, false), key(2, true, true))),
        Arguments.of("double asc (NaN, -0.0, infinities)", List.of(key(6, true, true))),
        Arguments.of("int64 desc (full range)", List.of(key(1, false, false))),
        Arguments.of("string desc nulls first", List.of(key(3, false, true))),
        Arguments.of("bool, string, decimal desc nulls first",
            List.of(key(7, true, true), key(3, true, true), key(4, false, true))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("orders")
  void testSortMatchesStableJavaSort(String name, List<SortKey> keys) {
    for (int distinct : new int[] {3, 50, 100_000}) {
      List<Object[]> rows = SortTestData.rows(12_000, 7 + distinct, distinct, 0.1);
      assertThat(asLists(sort(rows, keys, -1, Long.MAX_VALUE, BATCH_ROWS, 3000, 1, 517, 4096)))
          .as("distinct %d", distinct)
          .isEqualTo(asLists(reference(rows, keys, -1)));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("orders")
  void testSpilledRunsMergeToTheSameOutput(String name, List<SortKey> keys) {
    List<Object[]> rows = SortTestData.rows(3000, 11, 40, 0.1);
    assertThat(asLists(sort(rows, keys, -1, TINY_BUDGET, 64, 37, 50)))
        .isEqualTo(asLists(reference(rows, keys, -1)));
  }

  @Test
  void testMoreRunsThanTheMergeWidthAreMergedInSteps() {
    List<SortKey> keys = List.of(key(4, false, false), key(3, true, true));
    List<Object[]> rows = SortTestData.rows(ColumnarSortOperator.MERGE_WIDTH * 2 * 20 + 7, 3, 500, 0.05);
    assertThat(asLists(sort(rows, keys, -1, TINY_BUDGET, 100, 20)))
        .isEqualTo(asLists(reference(rows, keys, -1)));
    try (Stream<Path> left = Files.list(spillDirectory)) {
      assertThat(left).isEmpty();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void testOutputBatchesHaveBatchRowsRows() {
    List<Object[]> rows = SortTestData.rows(2500, 5, 100, 0.1);
    SortTestData.GivenBatches source = new SortTestData.GivenBatches(SortTestData.batches(rows, allocator, 333));
    List<Integer> sizes = new ArrayList<>();
    try (ColumnarSortOperator operator = new ColumnarSortOperator(node(List.of(key(2, true, true)), -1), source,
        context(Long.MAX_VALUE, 1000))) {
      for (Batch batch = operator.next(); batch != null; batch = operator.next()) {
        sizes.add(batch.rowCount());
        batch.close();
      }
      assertThat(operator.metrics().rowsOut()).isEqualTo(2500);
    }
    assertThat(sizes).containsExactly(1000, 1000, 500);
  }

  static Stream<Arguments> limits() {
    return Stream.of(0L, 1L, 7L, 100L, 2999L, 3000L, 100_000L).flatMap(limit ->
        Stream.of(Arguments.of(limit, Long.MAX_VALUE), Arguments.of(limit, TINY_BUDGET)));
  }

  @ParameterizedTest(name = "limit {0}, budget {1}")
  @MethodSource("limits")
  void testTopNEqualsSortThenLimit(long limit, long budget) {
    List<SortKey> keys = List.of(key(6, false, false), key(2, true, true));
    List<Object[]> rows = SortTestData.rows(3000, 19, 30, 0.1);
    List<Object[]> top = sort(rows, keys, limit, budget, 64, 45, 200);
    List<Object[]> expected = reference(rows, keys, limit);
    assertThat(keyColumns(top, 6, 2)).isEqualTo(keyColumns(expected, 6, 2));
    // the sort is stable, so whole rows agree too
    assertThat(asLists(top)).isEqualTo(asLists(expected));
  }

  @Test
  void testTopNCompactsALargeInput() {
    List<SortKey> keys = List.of(key(4, true, false));
    List<Object[]> rows = SortTestData.rows(200_000, 23, 1_000_000, 0.01);
    List<Object[]> top = sort(rows, keys, 10, Long.MAX_VALUE, 4096, 4096);
    assertThat(asLists(top)).isEqualTo(asLists(reference(rows, keys, 10)));
  }

  private static List<List<Object>> keyColumns(List<Object[]> rows, int... columns) {
    return rows.stream().map(row -> {
      List<Object> keys = new ArrayList<>();
      for (int c : columns) {
        keys.add(row[c]);
      }
      return keys;
    }).toList();
  }

  @Test
  void testComputedKeysAreEvaluatedWithTheExpressionKernels() {
    // -(i32 as int64) ascending, nulls last, is i32 descending; dec + 1.00 orders as dec
    Expression i32 = new BoundRef(2, "i32", DataType.INT32);
    Expression negated = new Arithmetic(Arithmetic.Op.MULTIPLY, new Cast(i32, DataType.INT64),
        new Literal(-1L, DataType.INT64));
    Expression shifted = new Arithmetic(Arithmetic.Op.ADD, new BoundRef(4, "dec", DataType.decimal(12, 2)),
        new Literal(new java.math.BigDecimal("1.00"), DataType.decimal(3, 2)));
    List<SortKey> computed = List.of(new SortKey(negated, true, false), new SortKey(shifted, false, true));
    List<SortKey> equivalent = List.of(key(2, false, false), key(4, false, true));
    for (long budget : new long[] {Long.MAX_VALUE, TINY_BUDGET}) {
      List<Object[]> rows = SortTestData.rows(5000, 41, 60, 0.1);
      assertThat(asLists(sort(rows, computed, -1, budget, 128, 300, 77)))
          .isEqualTo(asLists(reference(rows, equivalent, -1)));
      assertThat(asLists(sort(rows, computed, 25, budget, 128, 300, 77)))
          .isEqualTo(asLists(reference(rows, equivalent, 25)));
    }
  }

  private static final org.apache.arrow.vector.types.pojo.Schema WIDE = new org.apache.arrow.vector.types.pojo.Schema(
      List.of(org.apache.arrow.vector.types.pojo.Field.nullable("k", new ArrowType.Int(64, true)),
          org.apache.arrow.vector.types.pojo.Field.nullable("wide", new ArrowType.Decimal(38, 3, 128)),
          org.apache.arrow.vector.types.pojo.Field.nullable("bin", ArrowType.Binary.INSTANCE)));

  /** Row {@code i}: a key below 500, a 31-digit decimal (null every 11th row), 4 bytes of binary. */
  private static List<Object> wideRow(int i) {
    long key = (i * 7919L) % 500;
    BigDecimal wide = i % 11 == 0 ? null : new BigDecimal(BigInteger.TEN.pow(30).add(BigInteger.valueOf(i)), 3);
    return Arrays.asList(key, wide, Arrays.toString(new byte[] {(byte) i, (byte) (i >> 8), 0, (byte) 0xff}));
  }

  private List<Batch> wideBatches(int rows, int batchSize) {
    List<Batch> batches = new ArrayList<>();
    for (int at = 0; at < rows; at += batchSize) {
      int n = Math.min(batchSize, rows - at);
      VectorSchemaRoot root = VectorSchemaRoot.create(WIDE, allocator);
      root.allocateNew();
      for (int i = 0; i < n; i++) {
        List<Object> row = wideRow(at + i);
        ((BigIntVector) root.getVector(0)).setSafe(i, (Long) row.get(0));
        if (row.get(1) == null) {
          ((DecimalVector) root.getVector(1)).setNull(i);
        } else {
          ((DecimalVector) root.getVector(1)).setSafe(i, (BigDecimal) row.get(1));
        }
        ((VarBinaryVector) root.getVector(2)).setSafe(i, new byte[] {(byte) (at + i), (byte) ((at + i) >> 8), 0,
            (byte) 0xff});
      }
      root.setRowCount(n);
      batches.add(new Batch(root));
    }
    return batches;
  }

  @Test
  void testWideDecimalsAndBinaryColumnsCarriedThrough() {
    int rows = 3000;
    List<List<Object>> expected = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      expected.add(wideRow(i));
    }
    // descending keys; the sort is stable, so equal keys keep their input order
    expected.sort(Comparator.comparingLong((List<Object> row) -> (Long) row.get(0)).reversed());
    List<SortKey> byKey = List.of(new SortKey(new BoundRef(0, "k", DataType.INT64), false, false));
    ColumnarSortExec node = new ColumnarSortExec(new PlanNodeId(2), node(byKey, -1).child(), byKey, -1,
        dev.sluice.engine.types.Schema.fromArrow(WIDE));
    for (long budget : new long[] {Long.MAX_VALUE, TINY_BUDGET}) {
      List<List<Object>> out = new ArrayList<>();
      try (ColumnarSortOperator operator = new ColumnarSortOperator(node,
          new SortTestData.GivenBatches(wideBatches(rows, 700)), context(budget, 256))) {
        for (Batch next = operator.next(); next != null; next = operator.next()) {
          try (Batch batch = next) {
            for (int r = 0; r < batch.rowCount(); r++) {
              out.add(Arrays.asList(batch.root().getVector(0).getObject(r), batch.root().getVector(1).getObject(r),
                  Arrays.toString(((VarBinaryVector) batch.root().getVector(2)).getObject(r))));
            }
          }
        }
      }
      assertThat(out).as("budget %d", budget).isEqualTo(expected);
    }
  }

  @Test
  void testEmptyInputGivesNoBatches() {
    List<SortKey> keys = List.of(key(1, true, true));
    assertThat(sort(List.of(), keys, -1, Long.MAX_VALUE, 100, 10)).isEmpty();
    assertThat(sort(List.of(), keys, 5, TINY_BUDGET, 100, 10)).isEmpty();
    VectorSchemaRoot emptyRoot = VectorSchemaRoot.create(SortTestData.SCHEMA.toArrow(), allocator);
    emptyRoot.setRowCount(0);
    SortTestData.GivenBatches source = new SortTestData.GivenBatches(List.of(new Batch(emptyRoot)));
    try (ColumnarSortOperator operator = new ColumnarSortOperator(node(keys, -1), source,
        context(Long.MAX_VALUE, 100))) {
      assertThat(operator.next()).isNull();
      assertThat(operator.next()).isNull();
    }
  }

  @Test
  void testRowsLargerThanABlockOfTheRowStore() {
    List<Object[]> rows = SortTestData.rows(3000, 13, 100, 0.1);
    for (int i = 5; i < rows.size(); i += 997) {
      rows.get(i)[3] = "x".repeat(3 << 20) + i;
    }
    List<SortKey> keys = List.of(key(3, false, true), key(0, true, true));
    for (long budget : new long[] {Long.MAX_VALUE, TINY_BUDGET}) {
      assertThat(asLists(sort(rows, keys, -1, budget, 500, 700)))
          .isEqualTo(asLists(reference(rows, keys, -1)));
    }
  }

  @Test
  void testOneRowAndAllNullKeys() {
    List<Object[]> one = SortTestData.rows(1, 2, 5, 0);
    assertThat(asLists(sort(one, List.of(key(3, true, true)), -1, Long.MAX_VALUE, 100, 10))).isEqualTo(asLists(one));
    List<Object[]> nulls = SortTestData.rows(5000, 2, 5, 1.0);
    List<SortKey> keys = List.of(key(1, true, false), key(3, false, true));
    assertThat(asLists(sort(nulls, keys, -1, Long.MAX_VALUE, 700, 999))).isEqualTo(asLists(nulls));
  }

  @Test
  void testCloseBeforeTheEndFreesEverything() {
    List<Object[]> rows = SortTestData.rows(5000, 31, 100, 0.1);
    for (long budget : new long[] {Long.MAX_VALUE, TINY_BUDGET}) {
      SortTestData.GivenBatches source = new SortTestData.GivenBatches(SortTestData.batches(rows, allocator, 100));
      try (ColumnarSortOperator operator = new ColumnarSortOperator(node(List.of(key(3, true, true)), -1), source,
          context(budget, 100))) {
        operator.next().close();
        operator.next().close();
      }
      assertThat(allocator.getAllocatedMemory()).isZero();
    }
    SortTestData.GivenBatches unread = new SortTestData.GivenBatches(SortTestData.batches(rows, allocator, 100));
    new ColumnarSortOperator(node(List.of(key(3, true, true)), -1), unread, context(Long.MAX_VALUE, 100)).close();
    assertThat(unread.closed()).isTrue();
  }
}
