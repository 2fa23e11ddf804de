package dev.sluice.executors.columnar;

import dev.sluice.engine.types.DataType;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.LongData;
import java.util.Arrays;
import java.util.List;

/** {@code count(x)} (non-null inputs) or {@code count(*)} (rows): an int64 per group, never null. */
final class CountAccumulator extends GroupAccumulator {
  /** Whether every row counts ({@code count(*)}). */
  private final boolean rows;
  /** The count of each group. */
  private long[] counts = new long[INITIAL_GROUPS];

  CountAccumulator(boolean rows) {
    this.rows = rows;
  }

  @Override
  void ensureGroups(int groups) {
    if (groups > counts.length) {
      counts = Arrays.copyOf(counts, grown(counts.length, groups));
    }
  }

  @Override
  void update(ColumnData input, int[] groupIds, int rowCount) {
    boolean[] nulls = rows ? null : input.nulls();
    long[] counts = this.counts;
    if (nulls == null) {
      for (int i = 0; i < rowCount; i++) {
        counts[groupIds[i]]++;
      }
    } else {
      for (int i = 0; i < rowCount; i++) {
        counts[groupIds[i]] += nulls[i] ? 0 : 1;
      }
    }
  }

  @Override
  void updateSingle(ColumnData input, int rowCount) {
    counts[0] += rows ? rowCount : nonNull(input, rowCount);
  }

  /** {@link #updateNonNull} with every row in group 0. */
  void updateNonNullSingle(ColumnData input, int rowCount) {
    counts[0] += nonNull(input, rowCount);
  }

  private static long nonNull(ColumnData input, int rowCount) {
    boolean[] nulls = input.nulls();
    if (nulls == null) {
      return rowCount;
    }
    long count = 0;
    for (int i = 0; i < rowCount; i++) {
      count += nulls[i] ? 0 : 1;
    }
    return count;
  }

  /** Counts the non-null rows of a column into this accumulator (avg's count). */
  void updateNonNull(ColumnData input, int[] groupIds, int rowCount) {
    boolean[] nulls = input.nulls();
    long[] counts = this.counts;
    for (int i = 0; i < rowCount; i++) {
      counts[groupIds[i]] += nulls != null && nulls[i] ? 0 : 1;
    }
  }

  @Override
  int stateWidth() {
    return 1;
  }

  @Override
  void merge(List<ColumnData> columns, int first, int[] groupIds, int rowCount) {
    ColumnData state = columns.get(first);
    long[] values = ((LongData) state).values();
    boolean[] nulls = state.nulls();
    long[] counts = this.counts;
    for (int i = 0; i < rowCount; i++) {
      counts[groupIds[i]] += nulls != null && nulls[i] ? 0 : values[i];
    }
  }

  /** The count of one group. */
  long count(int group) {
    return counts[group];
  }

  @Override
  void states(int[] groups, int count, List<ColumnData> out) {
    results(groups, count, out);
  }

  @Override
  void results(int[] groups, int count, List<ColumnData> out) {
    long[] values = new long[count];
    for (int i = 0; i < count; i++) {
      values[i] = counts[groups[i]];
    }
    out.add(new LongData(DataType.INT64, values, null, count));
  }

  @Override
  long memoryBytes() {
    return 8L * counts.length;
  }

  @Override
  void clear() {
    counts = new long[INITIAL_GROUPS];
  }
}
