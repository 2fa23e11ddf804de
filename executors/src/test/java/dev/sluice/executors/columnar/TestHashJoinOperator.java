package dev.sluice.executors.columnar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.expr.Arithmetic;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Comparison;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.Literal;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.physical.BuildSide;
import dev.sluice.engine.plan.physical.HashJoinExec;
import dev.sluice.engine.plan.physical.ShuffleReadExec;
import dev.sluice.engine.relational.JoinRelation;
import dev.sluice.engine.relational.JoinType;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.ExpressionEvaluator;
import dev.sluice.engine.vector.VectorBatch;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hash joins of every type and build side against a nested-loop reference: duplicate and null
 * keys, multi-column keys of several types, empty sides, residuals, many small batches, skew, and a
 * memory budget so small that the join spills (grace partitions, and chunked passes for skew).
 */
class TestHashJoinOperator {
  private static final long TINY_BUDGET = 8 << 10;
  private static final int BATCH_ROWS = 64;
  private static final int INPUT_BATCH_ROWS = 37;

  static final Schema LEFT = new Schema(List.of(new Field("k", DataType.INT64), new Field("s", DataType.UTF8),
      new Field("dec", DataType.decimal(12, 2)), new Field("day", DataType.DATE32), new Field("lv", DataType.INT32),
      new Field("lf", DataType.FLOAT64), new Field("lb", DataType.BOOLEAN)));
  static final Schema RIGHT = new Schema(List.of(new Field("k", DataType.INT64), new Field("s", DataType.UTF8),
      new Field("dec", DataType.decimal(12, 2)), new Field("day", DataType.DATE32), new Field("ri", DataType.INT32),
      new Field("rf", DataType.FLOAT64), new Field("rv", DataType.UTF8)));
  private static final Double[] DOUBLES = {0.0, -0.0, 1.5, Double.NaN, 2.5, null};

  /** Key column sets: the same columns of both sides. */
  enum Keys {
    INT64(0),
    INT64_UTF8(0, 1),
    DECIMAL_DATE(2, 3),
    FLOAT64(5);

    final int[] columns;

    Keys(int... columns) {
      this.columns = columns;
    }
  }

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

  private OperatorContext context(long budget) {
    return new OperatorContext("job-0/stage-1/task-2.0", allocator, BATCH_ROWS, 65536, budget, spillDirectory);
  }

  static Stream<Arguments> typesAndSides() {
    return Arrays.stream(JoinType.values())
        .flatMap(type -> Arrays.stream(BuildSide.values()).map(side -> Arguments.of(type, side)));
  }

  static Stream<Arguments> typesSidesKeysBudgets() {
    return typesAndSides().flatMap(a -> Arrays.stream(Keys.values()).flatMap(keys -> Stream.of(Long.MAX_VALUE,
        TINY_BUDGET).map(budget -> Arguments.of(a.get()[0], a.get()[1], keys, budget))));
  }

  /** Random rows of a side: keys from a small domain (many duplicates), about {@code nullShare} nulls. */
  static List<Object[]> rows(Schema schema, int count, int keyDomain, double nullShare, long seed) {
    Random random = new Random(seed);
    List<Object[]> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Object[] row = new Object[schema.fields().size()];
      row[0] = random.nextDouble() < nullShare ? null : (long) random.nextInt(keyDomain);
      row[1] = random.nextDouble() < nullShare ? null : random.nextInt(5) == 0 ? "é" : "s" + random.nextInt(3);
      row[2] = random.nextDouble() < nullShare ? null : BigDecimal.valueOf(random.nextInt(keyDomain) - 3, 2);
      row[3] = random.nextDouble() < nullShare ? null : LocalDate.of(2024, 2, 28).plusDays(random.nextInt(3));
      row[4] = random.nextDouble() < nullShare ? null : random.nextInt(100);
      row[5] = DOUBLES[random.nextInt(DOUBLES.length)];
      row[6] = schema == LEFT ? (random.nextInt(9) == 0 ? null : random.nextBoolean()) : "v" + random.nextInt(1000);
      rows.add(row);
    }
    return rows;
  }

  private static List<Expression> refs(Schema schema, int... columns) {
    List<Expression> refs = new ArrayList<>();
    for (int c : columns) {
      Field field = schema.fields().get(c);
      refs.add(new BoundRef(c, field.name(), field.type()));
    }
    return refs;
  }

  private static List<Function<Object[], Object>> getters(int... columns) {
    List<Function<Object[], Object>> getters = new ArrayList<>();
    for (int c : columns) {
      getters.add(row -> row[c]);
    }
    return getters;
  }

  static HashJoinExec node(JoinType type, BuildSide side, Schema left, Schema right, List<Expression> leftKeys,
      List<Expression> rightKeys, Expression residual) {
    ShuffleReadExec leftInput = new ShuffleReadExec(new PlanNodeId(1), 0, 1, 1, Object.class, List.of(0), false);
    ShuffleReadExec rightInput = new ShuffleReadExec(new PlanNodeId(2), 1, 1, 1, Object.class, List.of(0), false);
    Schema schema = type.leftOnly() ? left : JoinRelation.concatenate(left, right);
    return new HashJoinExec(new PlanNodeId(3), leftInput, rightInput, type, leftKeys, rightKeys, residual, side,
        false, schema);
  }

  /** Every output row, as Java values; checks each batch has 1 to {@value #BATCH_ROWS} rows. */
  static List<Object[]> drain(Operator operator) {
    List<Object[]> out = new ArrayList<>();
    for (Batch batch = operator.next(); batch != null; batch = operator.next()) {
      try (Batch owned = batch) {
        assertThat(owned.rowCount()).isBetween(1, BATCH_ROWS);
        VectorBatch columns = ArrowColumns.read(owned);
        for (int i = 0; i < columns.rowCount(); i++) {
          Object[] row = new Object[columns.columns().size()];
          for (int c = 0; c < row.length; c++) {
            row[c] = columns.column(c).getObject(i);
          }
          out.add(row);
        }
      }
    }
    assertThat(operator.next()).as("next() after the end").isNull();
    return out;
  }

  static void assertSameRows(List<Object[]> actual, List<Object[]> expected) {
    assertThat(sorted(actual)).containsExactlyElementsOf(sorted(expected));
  }

  private static List<String> sorted(List<Object[]> rows) {
    return rows.stream().map(Arrays::deepToString).sorted().toList();
  }

  private List<Object[]> runJoin(HashJoinExec node, List<Object[]> left, Schema leftSchema, List<Object[]> right,
      Schema rightSchema, long budget, boolean expectSpill) {
    JoinInput leftInput = new JoinInput(leftSchema, left, INPUT_BATCH_ROWS, allocator);
    JoinInput rightInput = new JoinInput(rightSchema, right, INPUT_BATCH_ROWS, allocator);
    List<Object[]> out;
    try (HashJoinOperator operator = new HashJoinOperator(node, leftInput, rightInput, context(budget))) {
      out = drain(operator);
      JoinInput build = node.buildSide() == BuildSide.LEFT ? leftInput : rightInput;
      assertThat(build.closed()).as("build input closed once drained").isTrue();
      assertThat(operator.buildRowsIn()).isEqualTo(node.buildSide() == BuildSide.LEFT ? left.size() : right.size());
      assertThat(operator.metrics().rowsOut()).isEqualTo(out.size());
      if (expectSpill) {
        assertThat(operator.spilledBytes()).as("spilled").isPositive();
      } else if (budget == Long.MAX_VALUE) {
        assertThat(operator.spilledBytes()).isZero();
      }
    }
    assertThat(leftInput.closed()).isTrue();
    assertThat(rightInput.closed()).isTrue();
    assertThat(spillDirectory).isEmptyDirectory();
    return out;
  }

  @ParameterizedTest(name = "{0} build {1} keys {2} budget {3}")
  @MethodSource("typesSidesKeysBudgets")
  void testJoinMatchesNestedLoopWithDuplicateAndNullKeys(JoinType type, BuildSide side, Keys keys, long budget) {
    long seed = type.ordinal() * 31L + side.ordinal() * 7L + keys.ordinal();
    List<Object[]> left = rows(LEFT, 600, 40, 0.08, seed);
    List<Object[]> right = rows(RIGHT, 500, 40, 0.08, seed + 1000);
    HashJoinExec node = node(type, side, LEFT, RIGHT, refs(LEFT, keys.columns), refs(RIGHT, keys.columns), null);
    List<Object[]> expected = NestedLoopJoin.join(type, left, LEFT.fields().size(), right, RIGHT.fields().size(),
        getters(keys.columns), getters(keys.columns), null);
    assertThat(expected).isNotEmpty();
    assertSameRows(runJoin(node, left, LEFT, right, RIGHT, budget, budget == TINY_BUDGET), expected);
  }

  @ParameterizedTest(name = "{0} build {1}")
  @MethodSource("typesAndSides")
  void testEmptyBuildProbeOrBothSides(JoinType type, BuildSide side) {
    List<Object[]> rows = rows(LEFT, 200, 10, 0.1, 5);
    List<Object[]> rightRows = rows(RIGHT, 150, 10, 0.1, 6);
    for (int emptySides = 1; emptySides <= 3; emptySides++) {
      List<Object[]> left = (emptySides & 1) != 0 ? List.of() : rows;
      List<Object[]> right = (emptySides & 2) != 0 ? List.of() : rightRows;
      for (long budget : new long[] {Long.MAX_VALUE, TINY_BUDGET}) {
        HashJoinExec node = node(type, side, LEFT, RIGHT, refs(LEFT, 0, 1), refs(RIGHT, 0, 1), null);
        List<Object[]> expected = NestedLoopJoin.join(type, left, LEFT.fields().size(), right, RIGHT.fields().size(),
            getters(0, 1), getters(0, 1), null);
        assertSameRows(runJoin(node, left, LEFT, right, RIGHT, budget, false), expected);
      }
    }
  }

  @ParameterizedTest(name = "{0} build {1}")
  @MethodSource("typesAndSides")
  void testResidualConditionDecidesMatches(JoinType type, BuildSide side) {
    assumeEvaluatorBuilt();
    int width = LEFT.fields().size();
    // lv > ri and s != rv: an int comparison and a string comparison across the sides
    Expression residual = new dev.sluice.engine.expr.And(
        new Comparison(Comparison.Op.GREATER, new BoundRef(4, "lv", DataType.INT32),
            new BoundRef(width + 4, "ri", DataType.INT32)),
        new Comparison(Comparison.Op.NOT_EQUAL, new BoundRef(1, "s", DataType.UTF8),
            new BoundRef(width + 6, "rv", DataType.UTF8)));
    BiPredicate<Object[], Object[]> reference = (l, r) -> l[4] != null && r[4] != null
        && (Integer) l[4] > (Integer) r[4] && l[1] != null && !l[1].equals(r[6]);
    List<Object[]> left = rows(LEFT, 700, 30, 0.05, 21);
    List<Object[]> right = rows(RIGHT, 600, 30, 0.05, 22);
    for (long budget : new long[] {Long.MAX_VALUE, TINY_BUDGET}) {
      HashJoinExec node = node(type, side, LEFT, RIGHT, refs(LEFT, 0), refs(RIGHT, 0), residual);
      List<Object[]> expected = NestedLoopJoin.join(type, left, width, right, RIGHT.fields().size(), getters(0),
          getters(0), reference);
      assertSameRows(runJoin(node, left, LEFT, right, RIGHT, budget, budget == TINY_BUDGET), expected);
    }
  }

  @ParameterizedTest(name = "{0} build {1}")
  @MethodSource("typesAndSides")
  void testComputedKeyIsEvaluated(JoinType type, BuildSide side) {
    assumeEvaluatorBuilt();
    // left.k + 1 = right.k
    Expression leftKey = new Arithmetic(Arithmetic.Op.ADD, new BoundRef(0, "k", DataType.INT64),
        new Literal(1L, DataType.INT64));
    List<Object[]> left = rows(LEFT, 300, 20, 0.05, 31);
    List<Object[]> right = rows(RIGHT, 300, 20, 0.05, 32);
    for (long budget : new long[] {Long.MAX_VALUE, TINY_BUDGET}) {
      HashJoinExec node = node(type, side, LEFT, RIGHT, List.of(leftKey), refs(RIGHT, 0), null);
      List<Object[]> expected = NestedLoopJoin.join(type, left, LEFT.fields().size(), right, RIGHT.fields().size(),
          List.of(row -> row[0] == null ? null : (Long) row[0] + 1), getters(0), null);
      assertSameRows(runJoin(node, left, LEFT, right, RIGHT, budget, budget == TINY_BUDGET), expected);
    }
  }

  @Test
  void testClosingEarlyFreesEverythingAndClosesBothInputs() {
    List<Object[]> left = rows(LEFT, 2000, 5, 0.0, 41);
    List<Object[]> right = rows(RIGHT, 2000, 5, 0.0, 42);
    for (long budget : new long[] {Long.MAX_VALUE, TINY_BUDGET}) {
      JoinInput leftInput = new JoinInput(LEFT, left, INPUT_BATCH_ROWS, allocator);
      JoinInput rightInput = new JoinInput(RIGHT, right, INPUT_BATCH_ROWS, allocator);
      HashJoinExec node = node(JoinType.FULL_OUTER, BuildSide.RIGHT, LEFT, RIGHT, refs(LEFT, 0), refs(RIGHT, 0),
          null);
      HashJoinOperator operator = new HashJoinOperator(node, leftInput, rightInput, context(budget));
      try (Batch first = operator.next()) {
        assertThat(first.rowCount()).isEqualTo(BATCH_ROWS);
      }
      operator.close();
      operator.close();
      assertThat(leftInput.closed()).isTrue();
      assertThat(rightInput.closed()).isTrue();
      assertThat(operator.next()).isNull();
      assertThat(spillDirectory).isEmptyDirectory();
    }
  }

  static void assumeEvaluatorBuilt() {
    try {
      ExpressionEvaluator.compile(new BoundRef(0, "x", DataType.INT64));
    } catch (UnsupportedOperationException e) {
      Assumptions.abort("ExpressionEvaluator is not built on this branch yet");
    }
  }
}
