package dev.sluice.executors.shuffle;

import static dev.sluice.executors.columnar.SortTestRows.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.expr.BoundRef;
import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.plan.physical.Partitioning;
import dev.sluice.engine.vector.VectorBatch;
import dev.sluice.executors.columnar.SortTestRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row lands in the range its key belongs to, checked against a plain Java comparison. */
class TestRangeColumnsPartitioner {
  static Stream<Arguments> orders() {
    return Stream.of(
        Arguments.of("decimal desc, int64 asc", List.of(key(4, false, false), key(1, true, true))),
        Arguments.of("string asc nulls last, double desc nulls first",
            List.of(key(3, true, false), key(6, false, true))),
        Arguments.of("date, bool desc, int32", List.of(key(5, true, true), key(7, false, false), key(2, true, true))),
        Arguments.of("double (NaN, -0.0)", List.of(key(6, true, true))),
        Arguments.of("string desc nulls first", List.of(key(3, false, true))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("orders")
  void testEveryRowLandsInItsRange(String name, List<SortKey> keys) {
    List<Object[]> rows = SortTestRows.rows(5000, 3, 40, 0.1);
    Comparator<Object[]> order = SortTestRows.reference(keys);
    for (int partitions : new int[] {1, 2, 7, 50}) {
      List<Object[]> boundRows = boundRows(rows, order, partitions, new Random(partitions));
      List<List<Object>> bounds = boundRows.stream().map(row -> tuple(row, keys)).toList();
      RangeColumnsPartitioner partitioner =
          new RangeColumnsPartitioner(new Partitioning.RangeColumns(partitions, keys, bounds));
      for (int from = 0; from < rows.size(); from += 1234) {
        List<Object[]> slice = rows.subList(from, Math.min(rows.size(), from + 1234));
        VectorBatch batch = SortTestRows.vectorBatch(slice);
        int[] assigned = partitioner.partitionsOf(batch);
        assertThat(assigned).hasSize(slice.size());
        for (int r = 0; r < slice.size(); r++) {
          int expected = expectedPartition(slice.get(r), boundRows, order);
          assertThat(assigned[r]).as("row %s with %d bounds", Arrays.asList(slice.get(r)), bounds.size())
              .isEqualTo(expected);
        }
      }
    }
  }

  /** Up to {@code partitions - 1} distinct increasing rows picked at random from the data. */
  private static List<Object[]> boundRows(List<Object[]> rows, Comparator<Object[]> order, int partitions,
      Random random) {
    List<Object[]> picked = new ArrayList<>();
    for (int i = 0; i < partitions - 1; i++) {
      picked.add(rows.get(random.nextInt(rows.size())));
    }
    picked.sort(order);
    List<Object[]> distinct = new ArrayList<>();
    for (Object[] row : picked) {
      if (distinct.isEmpty() || order.compare(distinct.get(distinct.size() - 1), row) < 0) {
        distinct.add(row);
      }
    }
    return distinct;
  }

  private static List<Object> tuple(Object[] row, List<SortKey> keys) {
    List<Object> tuple = new ArrayList<>();
    for (SortKey key : keys) {
      tuple.add(row[((BoundRef) key.expression()).index()]);
    }
    return tuple;
  }

  /** The first range whose upper bound is not below the row, by linear scan. */
  private static int expectedPartition(Object[] row, List<Object[]> bounds, Comparator<Object[]> order) {
    for (int i = 0; i < bounds.size(); i++) {
      if (order.compare(row, bounds.get(i)) <= 0) {
        return i;
      }
    }
    return bounds.size();
  }

  @Test
  void testRowsAboveEveryBoundGoToTheLastRange() {
    List<SortKey> keys = List.of(key(1, true, true));
    List<Object[]> rows = SortTestRows.rows(100, 9, 1000, 0);
    for (Object[] row : rows) {
      row[1] = ((Long) row[1]) % 1000;
    }
    List<List<Object>> bounds = List.of(Arrays.asList((Object) (-2000L)), Arrays.asList((Object) (-1000L)));
    int[] assigned = new RangeColumnsPartitioner(new Partitioning.RangeColumns(5, keys, bounds))
        .partitionsOf(SortTestRows.vectorBatch(rows));
    assertThat(assigned).containsOnly(2);
  }

  @Test
  void testNoBoundsPutEverythingInPartitionZeroAndUnsampledBoundsAreRefused() {
    List<SortKey> keys = List.of(key(3, true, true));
    int[] assigned = new RangeColumnsPartitioner(new Partitioning.RangeColumns(4, keys, List.of()))
        .partitionsOf(SortTestRows.vectorBatch(SortTestRows.rows(10, 1, 5, 0.2)));
    assertThat(assigned).containsOnly(0);
    assertThatThrownBy(() -> new RangeColumnsPartitioner(new Partitioning.RangeColumns(4, keys, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no bounds");
  }
}
