package dev.sluice.executors.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.keyed.Aggregator;
import dev.sluice.engine.keyed.Pair;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.physical.HashAggregateExec;
import dev.sluice.engine.plan.physical.HashAggregateExec.Mode;
import dev.sluice.engine.plan.physical.ValuesScanExec;
import dev.sluice.engine.plan.split.ValuesSplit;
import dev.sluice.executors.operator.KeyedData.KeyKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Keyed combines against plain-Java maps, in memory and with a budget that forces many spills. */
class TestHashAggregateOperator {
  private static final long TINY_BUDGET = 4096;
  private static final int BATCH_ROWS = 64;

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

  private static HashAggregateExec node(Aggregator aggregator, Mode mode) {
    ValuesScanExec child = new ValuesScanExec(new PlanNodeId(1), List.of(new ValuesSplit(new byte[0], 0)), Pair.class);
    return new HashAggregateExec(new PlanNodeId(2), child, aggregator, mode);
  }

  /** groupByKey: every value of a key, in input order (order-sensitive, growing accumulators). */
  @SuppressWarnings("unchecked")
  private static Aggregator collect() {
    return new Aggregator(value -> {
      List<Object> list = new ArrayList<>();
      list.add(value);
      return list;
    }, (list, value) -> {
      ((List<Object>) list).add(value);
      return list;
    }, (left, right) -> {
      ((List<Object>) left).addAll((List<Object>) right);
      return left;
    });
  }

  /** Sums Integer values into a Long; null counts as 0. */
  private static Aggregator sum() {
    return new Aggregator(value -> value == null ? 0L : ((Integer) value).longValue(),
        (total, value) -> (Long) total + (value == null ? 0 : (Integer) value),
        (left, right) -> (Long) left + (Long) right);
  }

  /** Drains the operator into key → accumulator, checking each key comes out once. */
  private static Map<Object, Object> results(HashAggregateOperator operator) {
    Map<Object, Object> results = new HashMap<>();
    for (Object row : RowsSource.drain(operator, BATCH_ROWS)) {
      Pair<?, ?> pair = (Pair<?, ?>) row;
      assertThat(results).doesNotContainKey(pair.key());
      results.put(pair.key(), pair.value());
    }
    return results;
  }

  private void assertSpilled(HashAggregateOperator operator, long budget) {
    if (budget == TINY_BUDGET) {
      assertThat(operator.spillCount()).isGreaterThan(1);
      assertThat(operator.spilledBytes()).isPositive();
    } else {
      assertThat(operator.spillCount()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(KeyKind.class)
  void testCompleteCollectKeepsInputOrderPerKeyWithAndWithoutSpilling(KeyKind kind) {
    List<Object> input = KeyedData.pairs(kind, 5000, 42);
    Map<Object, List<Object>> expected = new HashMap<>();
    for (Object row : input) {
      Pair<?, ?> pair = (Pair<?, ?>) row;
      expected.computeIfAbsent(pair.key(), key -> new ArrayList<>()).add(pair.value());
    }
    assertThat(expected).containsKey(null);
    for (long budget : new long[] {Long.MAX_VALUE, TINY_BUDGET}) {
      try (HashAggregateOperator operator = new HashAggregateOperator(node(collect(), Mode.COMPLETE),
          new RowsSource(input, 100, allocator), context(budget))) {
        assertThat(results(operator)).as("budget %d", budget).isEqualTo(expected);
        assertSpilled(operator, budget);
        assertThat(operator.rowsIn()).isEqualTo(input.size());
        assertThat(operator.metrics().rowsOut()).isEqualTo(expected.size());
      }
      assertThat(spillDirectory).isEmptyDirectory();
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {Long.MAX_VALUE, TINY_BUDGET})
  void testPartialThenFinalSumsMatchReference(long budget) {
    List<Object> input = KeyedData.pairs(KeyKind.INTEGER, 6000, 7);
    Map<Object, Object> expected = new HashMap<>();
    for (Object row : input) {
      Pair<?, ?> pair = (Pair<?, ?>) row;
      long value = pair.value() == null ? 0 : (Integer) pair.value();
      expected.merge(pair.key(), value, (left, right) -> (Long) left + (Long) right);
    }
    List<Object> partials = new ArrayList<>();
    int spills = 0;
    for (int task = 0; task < 3; task++) {
      try (HashAggregateOperator partial = new HashAggregateOperator(node(sum(), Mode.PARTIAL),
          new RowsSource(input.subList(task * 2000, task * 2000 + 2000), 128, allocator), context(budget))) {
        partials.addAll(RowsSource.drain(partial, BATCH_ROWS));
        spills += partial.spillCount();
      }
    }
    Collections.shuffle(partials, new Random(1));
    try (HashAggregateOperator operator = new HashAggregateOperator(node(sum(), Mode.FINAL),
        new RowsSource(partials, 50, allocator), context(budget))) {
      assertThat(results(operator)).isEqualTo(expected);
      assertSpilled(operator, budget);
      spills += operator.spillCount();
    }
    assertThat(spills > 0).isEqualTo(budget == TINY_BUDGET);
    assertThat(spillDirectory).isEmptyDirectory();
  }

  @Test
  void testFinalMergesAccumulatorsOfDuplicateKeys() {
    List<Object> input = List.of(Pair.of("a", 1L), Pair.of(null, 2L), Pair.of("a", 3L), Pair.of("b", 4L),
        Pair.of(null, 5L), Pair.of("a", 6L));
    try (HashAggregateOperator operator = new HashAggregateOperator(node(sum(), Mode.FINAL),
        new RowsSource(input, 2, allocator), context(Long.MAX_VALUE))) {
      Map<Object, Object> expected = new HashMap<>();
      expected.put("a", 10L);
      expected.put(null, 7L);
      expected.put("b", 4L);
      assertThat(results(operator)).isEqualTo(expected);
    }
  }

  @Test
  void testFirstNextConsumesAndClosesTheInput() {
    RowsSource source = new RowsSource(KeyedData.pairs(KeyKind.STRING, 1000, 3), 10, allocator);
    try (HashAggregateOperator operator = new HashAggregateOperator(node(sum(), Mode.COMPLETE), source,
        context(Long.MAX_VALUE))) {
      operator.next().close();
      assertThat(source.closed()).isTrue();
      assertThat(operator.rowsIn()).isEqualTo(1000);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {Long.MAX_VALUE, TINY_BUDGET})
  void testEmptyInputGivesNoRows(long budget) {
    RowsSource source = new RowsSource(List.of(), 10, allocator);
    try (HashAggregateOperator operator = new HashAggregateOperator(node(collect(), Mode.COMPLETE), source,
        context(budget))) {
      assertThat(operator.next()).isNull();
      assertThat(operator.next()).isNull();
      assertThat(operator.spillCount()).isZero();
      assertThat(source.closed()).isTrue();
    }
  }

  @Test
  void testUserFunctionFailureIsWrappedAndSpillFilesAreDeletedOnClose() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Aggregator failing = new Aggregator(value -> 0L, (total, value) -> {
      if (calls.incrementAndGet() == 1000) {
        throw new IllegalStateException("boom");
      }
      return (Long) total + 1;
    }, (left, right) -> (Long) left + (Long) right);
    RowsSource source = new RowsSource(KeyedData.pairs(KeyKind.STRING, 3000, 5), 64, allocator);
    try (HashAggregateOperator operator = new HashAggregateOperator(node(failing, Mode.COMPLETE), source,
        context(TINY_BUDGET))) {
      assertThatThrownBy(operator::next).isInstanceOf(UserFunctionException.class)
          .hasMessageContaining("mergeValue").rootCause().hasMessage("boom");
      assertThat(operator.spillCount()).isPositive();
      try (Stream<Path> files = Files.list(spillDirectory)) {
        assertThat(files).isNotEmpty().allSatisfy(file ->
            assertThat(file.getFileName().toString()).startsWith("job-0_stage-0_task-0.0-HashAggregate-"));
      }
    }
    assertThat(source.closed()).isTrue();
    assertThat(spillDirectory).isEmptyDirectory();
  }

  @Test
  void testRowsThatAreNotPairsAreRejected() {
    try (HashAggregateOperator operator = new HashAggregateOperator(node(sum(), Mode.COMPLETE),
        new RowsSource(List.of("not a pair"), 10, allocator), context(Long.MAX_VALUE))) {
      assertThatThrownBy(operator::next).isInstanceOfSatisfying(EngineException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT)).hasMessageContaining("java.lang.String");
    }
  }
}
