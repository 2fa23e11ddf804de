package dev.sluice.executors.columnar;

import dev.sluice.engine.types.DataType;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.LongData;
import java.util.Arrays;
import java.util.List;

/**
 * {@code sum} of int32 or int64 values as an int64 that wraps on overflow, as Spark's non-ANSI
 * {@code sum}; null for a group that saw no non-null value. Also the sum half of an integer
 * {@code avg}.
 */
final class LongSumAccumulator extends GroupAccumulator {
  /** The sum of each group. */
  private long[] sums = new long[INITIAL_GROUPS];
  /** Whether each group saw a non-null value. */
  private boolean[] seen = new boolean[INITIAL_GROUPS];

  @Override
  void ensureGroups(int groups) {
    if (groups > sums.length) {
      int capacity = grown(sums.length, groups);
      sums = Arrays.copyOf(sums, capacity);
      seen = Arrays.copyOf(seen, capacity);
    }
  }

  @Override
  void update(ColumnData input, int[] groupIds, int rows) {
    long[] values = ((LongData) input).values();
    boolean[] nulls = input.nulls();
    long[] sums = this.sums;
    boolean[] seen = this.seen;
    if (nulls == null) {
      for (int i = 0; i < rows; i++) {
        int group = groupIds[i];
        sums[group] += values[i];
        seen[group] = true;
      }
    } else {
      for (int i = 0; i < rows; i++) {
        if (!nulls[i]) {
          int group = groupIds[i];
          sums[group] += values[i];
          seen[group] = true;
        }
      }
    }
  }

  @Override
  void updateSingle(ColumnData input, int rows) {
    long[] values = ((LongData) input).values();
    boolean[] nulls = input.nulls();
    long sum = 0;
    boolean any = false;
    for (int i = 0; i < rows; i++) {
      if (nulls == null || !nulls[i]) {
        sum += values[i];
        any = true;
      }
    }
    sums[0] += sum;
    seen[0] |= any;
  }

  @Override
  int stateWidth() {
    return 1;
  }

  @Override
  void merge(List<ColumnData> columns, int first, int[] groupIds, int rows) {
    update(columns.get(first), groupIds, rows);
  }

  /** Whether a group saw a value. */
  boolean seen(int group) {
    return seen[group];
  }

  /** The sum of a group. */
  long sum(int group) {
    return sums[group];
  }

  @Override
  void states(int[] groups, int count, List<ColumnData> out) {
    results(groups, count, out);
  }

  @Override
  void results(int[] groups, int count, List<ColumnData> out) {
    long[] values = new long[count];
    for (int i = 0; i < count; i++) {
      values[i] = sums[groups[i]];
    }
    out.add(new LongData(DataType.INT64, values, unseen(seen, groups, count), count));
  }

  @Override
  long memoryBytes() {
    return 9L * sums.length;
  }

  @Override
  void clear() {
    sums = new long[INITIAL_GROUPS];
    seen = new boolean[INITIAL_GROUPS];
  }
}
