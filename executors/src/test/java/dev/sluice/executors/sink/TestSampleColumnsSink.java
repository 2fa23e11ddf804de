package dev.sluice.executors.sink;

import static dev.sluice.executors.columnar.SortTestRows.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.keyed.KeySample;
import dev.sluice.engine.serde.KryoSerde;
import dev.sluice.executors.columnar.SortTestRows;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sampling sink returns the row count and a repeatable sample of real key tuples. */
class TestSampleColumnsSink {
  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  private KeySample sample(List<Object[]> rows, List<SortKey> keys, int perPartition) {
    OperatorContext context = OperatorContext.of("job-0/stage-0/task-0.0", allocator, 100, 1000);
    SampleColumnsSink sink = new SampleColumnsSink(keys, perPartition);
    byte[] answer = sink.drain(SortTestRows.source(SortTestRows.batches(rows, allocator, 77, 300)), context);
    assertThat(sink.rows()).isEqualTo(rows.size());
    return KryoSerde.deserialize(answer);
  }

  @Test
  void testSamplesTuplesOfTheKeysAndCountsRows() {
    List<SortKey> keys = List.of(key(4, false, false), key(3, true, true), key(5, true, true));
    List<Object[]> rows = SortTestRows.rows(2000, 5, 30, 0.1);
    Set<List<Object>> all = new HashSet<>();
    for (Object[] row : rows) {
      all.add(Arrays.asList(row[4], row[3], row[5]));
    }
    KeySample sample = sample(rows, keys, 50);
    assertThat(sample.rows()).isEqualTo(2000);
    assertThat(sample.keys()).hasSize(50);
    for (Object tuple : sample.keys()) {
      assertThat(tuple).isInstanceOf(List.class);
      assertThat(all.contains(tuple)).as("sampled %s is a row's key tuple", tuple).isTrue();
    }
    assertThat(sample(rows, keys, 50).keys()).isEqualTo(sample.keys());
  }

  @Test
  void testSampleIsSpreadOverThePartition() {
    List<SortKey> keys = List.of(key(0, true, true));
    List<Object[]> rows = SortTestRows.rows(100_000, 1, 10, 0);
    KeySample sample = sample(rows, keys, 1000);
    assertThat(sample.keys()).hasSize(1000);
    int[] deciles = new int[10];
    Set<Object> distinct = new HashSet<>();
    for (Object tuple : sample.keys()) {
      long id = (Long) ((List<?>) tuple).get(0);
      deciles[(int) (id / 10_000)]++;
      distinct.add(id);
    }
    assertThat(distinct).hasSize(1000);
    for (int decile : deciles) {
      assertThat(decile).isBetween(60, 140);
    }
  }

  @Test
  void testSmallAndEmptyPartitionsAreSampledWhole() {
    List<SortKey> keys = List.of(key(6, true, true));
    List<Object[]> rows = SortTestRows.rows(7, 5, 30, 0.3);
    KeySample sample = sample(rows, keys, 50);
    assertThat(sample.rows()).isEqualTo(7);
    assertThat(sample.keys()).containsExactlyElementsOf(rows.stream().map(row -> (Object) Arrays.asList(row[6]))
        .toList());
    KeySample empty = sample(List.of(), keys, 50);
    assertThat(empty.rows()).isZero();
    assertThat(empty.keys()).isEmpty();
  }
}
