package dev.sluice.executors.columnar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.plan.physical.BuildSide;
import dev.sluice.engine.plan.physical.HashJoinExec;
import dev.sluice.engine.relational.JoinType;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.ColumnHash;
import dev.sluice.engine.vector.VectorBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hash joins under pressure: one key with thousands of rows on both sides (its pairs come out in
 * bounded batches, and under a tiny budget its partition is joined in several chunked passes), a
 * build side far beyond the budget, and batches of a single row. Large outputs are compared with
 * the nested-loop reference by count and an order-independent fingerprint.
 */
class TestHashJoinSkewAndSpill {
  private static final long TINY_BUDGET = 8 << 10;
  private static final int BATCH_ROWS = 64;
  private static final long HOT_KEY = 7;

  private static final Schema LEFT = new Schema(List.of(new Field("k", DataType.INT64),
      new Field("v", DataType.INT32), new Field("t", DataType.UTF8)));
  private static final Schema RIGHT = new Schema(List.of(new Field("k", DataType.INT64),
      new Field("w", DataType.INT32)));

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

  /** {@code hot} rows with the hot key and {@code others} with keys from a domain, a few null; shuffled. */
  private static List<Object[]> rows(boolean left, int hot, int others, int keyDomain, long seed) {
    Random random = new Random(seed);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < hot + others; i++) {
      Long key = i < hot ? Long.valueOf(HOT_KEY)
          : random.nextInt(50) == 0 ? null : Long.valueOf(100 + random.nextInt(keyDomain));
      rows.add(left ? new Object[] {key, i, "t" + random.nextInt(10)} : new Object[] {key, i});
    }
    Collections.shuffle(rows, random);
    return rows;
  }

  /** Row count and an order-independent hash of a multiset of rows. */
  private record Fingerprint(long rows, long hash) {
    Fingerprint add(Object[] row) {
      return new Fingerprint(rows + 1, hash + ColumnHash.fmix64(Arrays.deepHashCode(row)));
    }
  }

  private static final class FingerprintSink {
    private Fingerprint value = new Fingerprint(0, 0);

    void accept(Object[] row) {
      value = value.add(row);
    }
  }

  private HashJoinOperator operator(JoinType type, BuildSide side, List<Object[]> left, List<Object[]> right,
      int inputBatchRows, long budget) {
    List<Expression> leftKeys = List.of(new BoundRef(0, "k", DataType.INT64));
    List<Expression> rightKeys = List.of(new BoundRef(0, "k", DataType.INT64));
    HashJoinExec node = TestHashJoinOperator.node(type, side, LEFT, RIGHT, leftKeys, rightKeys, null);
    OperatorContext context = new OperatorContext("job-0/stage-1/task-3.0", allocator, BATCH_ROWS, 65536, budget,
        spillDirectory);
    return new HashJoinOperator(node, new JoinInput(LEFT, left, inputBatchRows, allocator),
        new JoinInput(RIGHT, right, inputBatchRows, allocator), context);
  }

  private static Fingerprint expected(JoinType type, List<Object[]> left, List<Object[]> right) {
    FingerprintSink sink = new FingerprintSink();
    List<Function<Object[], Object>> key = List.of(row -> row[0]);
    NestedLoopJoin.join(type, left, LEFT.fields().size(), right, RIGHT.fields().size(), key, key, null, sink::accept);
    return sink.value;
  }

  /** The fingerprint of an operator's output; every batch must have 1 to BATCH_ROWS rows. */
  private static Fingerprint drain(HashJoinOperator operator) {
    FingerprintSink sink = new FingerprintSink();
    for (Batch batch = operator.next(); batch != null; batch = operator.next()) {
      try (Batch owned = batch) {
        assertThat(owned.rowCount()).isBetween(1, BATCH_ROWS);
        VectorBatch columns = ArrowColumns.read(owned);
        for (int i = 0; i < columns.rowCount(); i++) {
          Object[] row = new Object[columns.columns().size()];
          for (int c = 0; c < row.length; c++) {
            row[c] = columns.column(c).getObject(i);
          }
          sink.accept(row);
        }
      }
    }
    return sink.value;
  }

  @ParameterizedTest(name = "{0} build {1}")
  @MethodSource("dev.sluice.executors.columnar.TestHashJoinOperator#typesAndSides")
  void testHotKeyOnBothSidesIsJoinedInChunksUnderATinyBudget(JoinType type, BuildSide side) {
    List<Object[]> left = rows(true, 1200, 300, 60, 1);
    List<Object[]> right = rows(false, 1000, 300, 60, 2);
    Fingerprint expected = expected(type, left, right);
    try (HashJoinOperator operator = operator(type, side, left, right, 97, TINY_BUDGET)) {
      assertThat(drain(operator)).isEqualTo(expected);
      assertThat(operator.spilledBytes()).isPositive();
      assertThat(operator.maxBuildChunks()).as("the hot key's partition needs several passes").isGreaterThan(1);
    }
    assertThat(spillDirectory).isEmptyDirectory();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sluice.executors.columnar.TestHashJoinOperator#typesAndSides")
  void testHotKeyInMemoryComesOutInBoundedBatches(JoinType type, BuildSide side) {
    List<Object[]> left = rows(true, 1500, 300, 40, 3);
    List<Object[]> right = rows(false, 600, 300, 40, 4);
    Fingerprint expected = expected(type, left, right);
    try (HashJoinOperator operator = operator(type, side, left, right, 1000, Long.MAX_VALUE)) {
      Fingerprint actual = drain(operator);
      assertThat(actual).isEqualTo(expected);
      assertThat(operator.metrics().batchesOut()).isGreaterThanOrEqualTo((actual.rows() + BATCH_ROWS - 1) / BATCH_ROWS);
      assertThat(operator.spilledBytes()).isZero();
    }
  }

  @ParameterizedTest(name = "{0} build {1}")
  @MethodSource("dev.sluice.executors.columnar.TestHashJoinOperator#typesAndSides")
  void testBuildSideFarBeyondTheBudget(JoinType type, BuildSide side) {
    List<Object[]> left = rows(true, 0, 3000, 2500, 5);
    List<Object[]> right = rows(false, 0, 3000, 2500, 6);
    Fingerprint expected = expected(type, left, right);
    try (HashJoinOperator operator = operator(type, side, left, right, 500, TINY_BUDGET)) {
      assertThat(drain(operator)).isEqualTo(expected);
      assertThat(operator.maxBuildChunks()).isGreaterThan(1);
    }
    assertThat(spillDirectory).isEmptyDirectory();
  }

  @Test
  void testSingleRowBatches() {
    List<Object[]> left = rows(true, 30, 300, 50, 7);
    List<Object[]> right = rows(false, 20, 300, 50, 8);
    for (JoinType type : JoinType.values()) {
      for (BuildSide side : BuildSide.values()) {
        for (long budget : new long[] {Long.MAX_VALUE, TINY_BUDGET}) {
          try (HashJoinOperator operator = operator(type, side, left, right, 1, budget)) {
            assertThat(drain(operator)).as("%s build %s budget %d", type, side, budget)
                .isEqualTo(expected(type, left, right));
          }
        }
      }
    }
    assertThat(spillDirectory).isEmptyDirectory();
  }
}
