package dev.sluice.executors.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.keyed.Pair;
import dev.sluice.engine.plan.PlanNodeId;
import dev.sluice.engine.plan.physical.CoGroupExec;
import dev.sluice.engine.plan.physical.PhysicalPlan;
import dev.sluice.engine.plan.physical.ValuesScanExec;
import dev.sluice.engine.plan.split.ValuesSplit;
import dev.sluice.executors.operator.KeyedData.KeyKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Co-grouping against plain-Java maps, in memory and with a budget that forces many spills. */
class TestCoGroupOperator {
  private static final long TINY_BUDGET = 4096;
  private static final int BATCH_ROWS = 32;

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

  private static CoGroupExec node(int inputs) {
    List<PhysicalPlan> children = new ArrayList<>();
    for (int i = 0; i < inputs; i++) {
      children.add(new ValuesScanExec(new PlanNodeId(i + 1), List.of(new ValuesSplit(new byte[0], 0)), Pair.class));
    }
    return new CoGroupExec(new PlanNodeId(0), children);
  }

  /** key → one list of values per input, in input order. */
  private static Map<Object, List<List<Object>>> reference(List<List<Object>> inputs) {
    Map<Object, List<List<Object>>> expected = new HashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      for (Object row : inputs.get(i)) {
        Pair<?, ?> pair = (Pair<?, ?>) row;
        List<List<Object>> groups = expected.computeIfAbsent(pair.key(), key -> {
          List<List<Object>> empty = new ArrayList<>();
          for (int j = 0; j < inputs.size(); j++) {
            empty.add(new ArrayList<>());
          }
          return empty;
        });
        groups.get(i).add(pair.value());
      }
    }
    return expected;
  }

  private CoGroupOperator operator(List<List<Object>> inputs, List<RowsSource> sources, long budget) {
    List<Operator> operators = new ArrayList<>();
    for (List<Object> input : inputs) {
      RowsSource source = new RowsSource(input, 100, allocator);
      sources.add(source);
      operators.add(source);
    }
    return new CoGroupOperator(node(inputs.size()), operators, context(budget));
  }

  /** Drains the operator into key → groups, checking each key comes out once. */
  private static Map<Object, Object> results(CoGroupOperator operator) {
    Map<Object, Object> results = new HashMap<>();
    for (Object row : RowsSource.drain(operator, BATCH_ROWS)) {
      Pair<?, ?> pair = (Pair<?, ?>) row;
      assertThat(results).doesNotContainKey(pair.key());
      assertThat(pair.value()).isInstanceOf(List.class);
      results.put(pair.key(), pair.value());
    }
    return results;
  }

  @ParameterizedTest
  @EnumSource(KeyKind.class)
  void testThreeInputsGroupInInputOrderWithAndWithoutSpilling(KeyKind kind) {
    List<List<Object>> inputs = List.of(KeyedData.pairs(kind, 3000, 1), KeyedData.pairs(kind, 500, 2),
        KeyedData.pairs(kind, 2000, 3));
    Map<Object, List<List<Object>>> expected = reference(inputs);
    assertThat(expected).containsKey(null);
    for (long budget : new long[] {Long.MAX_VALUE, TINY_BUDGET}) {
      List<RowsSource> sources = new ArrayList<>();
      try (CoGroupOperator operator = operator(inputs, sources, budget)) {
        assertThat(results(operator)).as("budget %d", budget).isEqualTo(expected);
        assertThat(sources).allMatch(RowsSource::closed);
        assertThat(operator.rowsIn()).isEqualTo(5500);
        if (budget == TINY_BUDGET) {
          assertThat(operator.spillCount()).isGreaterThan(1);
        } else {
          assertThat(operator.spillCount()).isZero();
        }
      }
      assertThat(spillDirectory).isEmptyDirectory();
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {Long.MAX_VALUE, TINY_BUDGET})
  void testKeysOfOneInputOnlyGetEmptyGroupsForTheOthers(long budget) {
    List<Object> left = new ArrayList<>();
    List<Object> right = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      left.add(Pair.of(i, "l" + i));
      left.add(Pair.of(i, null));
      right.add(Pair.of(i + 200, "r" + i));
    }
    List<List<Object>> inputs = List.of(left, List.of(), right);
    Map<Object, List<List<Object>>> expected = reference(inputs);
    try (CoGroupOperator operator = operator(inputs, new ArrayList<>(), budget)) {
      Map<Object, Object> results = results(operator);
      assertThat(results).isEqualTo(expected).hasSize(600);
      assertThat(results.get(0)).isEqualTo(List.of(Arrays.asList("l0", null), List.of(), List.of()));
      assertThat(results.get(599)).isEqualTo(List.of(List.of(), List.of(), List.of("r399")));
    }
    assertThat(spillDirectory).isEmptyDirectory();
  }

  @Test
  void testEmptyInputsGiveNoRows() {
    List<RowsSource> sources = new ArrayList<>();
    try (CoGroupOperator operator = operator(List.of(List.of(), List.of()), sources, TINY_BUDGET)) {
      assertThat(operator.next()).isNull();
      assertThat(operator.next()).isNull();
      assertThat(sources).allMatch(RowsSource::closed);
    }
  }

  @Test
  void testCloseBeforeReadingClosesEveryInput() {
    List<RowsSource> sources = new ArrayList<>();
    CoGroupOperator operator = operator(List.of(KeyedData.pairs(KeyKind.STRING, 10, 1), List.of()), sources,
        Long.MAX_VALUE);
    operator.close();
    operator.close();
    assertThat(sources).allMatch(RowsSource::closed);
  }
}
