package dev.sluice.executors.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.encoding.Encoders;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.function.MapFunction;
import dev.sluice.engine.keyed.KeyOrder;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.physical.SortExec;
import dev.sluice.engine.plan.physical.ValuesScanExec;
import dev.sluice.engine.plan.split.ValuesSplit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Sorting against a stable List.sort, in memory and with a budget that forces many spilled runs. */
class TestSortOperator {
  private static final long TINY_BUDGET = 4096;
  private static final int BATCH_ROWS = 50;

  /** A row whose sequence number shows whether ties kept their input order. */
  record Row(Integer key, String name, int sequence) {}

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
    return new OperatorContext("job-0/stage-0/task-0.0", allocator, BATCH_ROWS, 65536, budget, spillDirectory);
  }

  private static SortExec node(Class<?> rowClass, MapFunction<Object, Object> key, boolean ascending) {
    ValuesScanExec child = new ValuesScanExec(new PlanNodeId(1), List.of(new ValuesSplit(new byte[0], 0)), rowClass);
    return new SortExec(new PlanNodeId(2), child, key, new KeyOrder(ascending));
  }

  /** Rows with skewed, duplicated and null keys: half share key 5, one in 20 has a null key. */
  private static List<Object> rows(int count, long seed) {
    Random random = new Random(seed);
    List<Object> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      double draw = random.nextDouble();
      Integer key = draw < 0.5 ? Integer.valueOf(5) : draw < 0.55 ? null : Integer.valueOf(random.nextInt(1000) - 500);
      rows.add(new Row(key, random.nextInt(4) == 0 ? null : "n" + random.nextInt(100), i));
    }
    return rows;
  }

  /** Every output batch but the last has exactly {@code batchRows} rows. */
  private static List<Object> drainFullBatches(SortOperator operator) {
    List<Object> out = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (Batch batch = operator.next(); batch != null; batch = operator.next()) {
      try (Batch owned = batch) {
        sizes.add(owned.rowCount());
        out.addAll(Arrays.asList(Encoders.decoderFor(owned.arrowSchema()).decode(owned)));
      }
    }
    for (int i = 0; i + 1 < sizes.size(); i++) {
      assertThat(sizes.get(i)).as("batch %d", i).isEqualTo(BATCH_ROWS);
    }
    return out;
  }

  @ParameterizedTest
  @CsvSource({"true, 9223372036854775807", "true, 4096", "false, 9223372036854775807", "false, 4096"})
  void testRecordsSortStablyWithNullKeysMatchingListSort(boolean ascending, long budget) {
    List<Object> input = rows(5000, 11);
    List<Object> expected = new ArrayList<>(input);
    KeyOrder order = new KeyOrder(ascending);
    expected.sort(Comparator.comparing(row -> ((Row) row).key(), order));
    try (SortOperator operator = new SortOperator(node(Row.class, row -> ((Row) row).key(), ascending),
        new RowsSource(input, 128, allocator), context(budget))) {
      List<Object> sorted = drainFullBatches(operator);
      assertThat(sorted).containsExactlyElementsOf(expected);
      assertThat(((Row) sorted.get(0)).key()).as("nulls first ascending").isEqualTo(ascending ? null : 499);
      assertThat(((Row) sorted.get(sorted.size() - 1)).key()).as("nulls last descending")
          .isEqualTo(ascending ? Integer.valueOf(499) : null);
      if (budget == TINY_BUDGET) {
        assertThat(operator.spillCount()).isGreaterThan(1);
      } else {
        assertThat(operator.spillCount()).isZero();
      }
      assertThat(operator.metrics().rowsOut()).isEqualTo(5000);
    }
    assertThat(spillDirectory).isEmptyDirectory();
  }

  @ParameterizedTest
  @ValueSource(longs = {Long.MAX_VALUE, TINY_BUDGET})
  void testNullableStringsSortStablyByADerivedKey(long budget) {
    Random random = new Random(3);
    List<Object> input = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      input.add(random.nextInt(30) == 0 ? null : Integer.toString(random.nextInt(100_000), 36));
    }
    MapFunction<Object, Object> length = row -> row == null ? null : ((String) row).length();
    List<Object> expected = new ArrayList<>(input);
    expected.sort(Comparator.comparing(row -> row == null ? null : ((String) row).length(), new KeyOrder(true)));
    try (SortOperator operator = new SortOperator(node(String.class, length, true),
        new RowsSource(input, 100, allocator), context(budget))) {
      assertThat(drainFullBatches(operator)).containsExactlyElementsOf(expected);
      assertThat(operator.spillCount() > 1).isEqualTo(budget == TINY_BUDGET);
    }
    assertThat(spillDirectory).isEmptyDirectory();
  }

  @Test
  void testEmptyInputGivesNoRows() {
    RowsSource source = new RowsSource(List.of(), 10, allocator);
    try (SortOperator operator = new SortOperator(node(Row.class, row -> row, true), source, context(TINY_BUDGET))) {
      assertThat(operator.next()).isNull();
      assertThat(operator.next()).isNull();
      assertThat(source.closed()).isTrue();
    }
  }

  @Test
  void testKeysThatAreNotComparableFailWithInvalidArgument() {
    try (SortOperator operator = new SortOperator(node(Row.class, row -> new Object(), true),
        new RowsSource(rows(10, 1), 10, allocator), context(Long.MAX_VALUE))) {
      assertThatThrownBy(operator::next).isInstanceOfSatisfying(EngineException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT)).hasMessageContaining("Comparable");
    }
  }

  @Test
  void testKeysOfMixedTypesFailWithInvalidArgumentWhileSpilling() {
    try (SortOperator operator = new SortOperator(node(Row.class,
        row -> ((Row) row).sequence() % 2 == 0 ? (Object) ((Row) row).sequence() : "s" + ((Row) row).sequence(), true),
        new RowsSource(rows(2000, 1), 100, allocator), context(TINY_BUDGET))) {
      assertThatThrownBy(operator::next).isInstanceOfSatisfying(EngineException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT)).hasMessageContaining("java.lang.String");
    }
    assertThat(spillDirectory).isEmptyDirectory();
  }

  @Test
  void testKeyFunctionFailureIsWrappedAndSpilledRunsAreDeleted() {
    RowsSource source = new RowsSource(rows(3000, 2), 100, allocator);
    try (SortOperator operator = new SortOperator(node(Row.class, row -> {
      if (((Row) row).sequence() == 2500) {
        throw new IllegalArgumentException("bad row");
      }
      return ((Row) row).key();
    }, true), source, context(TINY_BUDGET))) {
      assertThatThrownBy(operator::next).isInstanceOf(UserFunctionException.class).rootCause().hasMessage("bad row");
      assertThat(operator.spillCount()).isPositive();
      assertThat(spillDirectory).isNotEmptyDirectory();
    }
    assertThat(source.closed()).isTrue();
    assertThat(spillDirectory).isEmptyDirectory();
  }
}
