package dev.sluice.executors.columnar;

import dev.sluice.engine.types.DataType;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.LongData;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;

/**
 * {@code sum} of decimal values in 128 bits (unscaled, at the scale they arrive in), so no sum of
 * 64-bit values can overflow; the output is checked against its type's precision when written
 * ({@link WideLayout}). Null for a group that saw no non-null value. Also the sum half of a decimal
 * {@code avg}.
 */
final class DecimalSumAccumulator extends GroupAccumulator {
  /** The scale of the values added and held. */
  private final int scale;
  /** The scale of the states handed out (and merged back). */
  private final int stateScale;
  /** The scale of the results. */
  private final int resultScale;
  /** Low words of each group's sum. */
  private long[] lows = new long[INITIAL_GROUPS];
  /** High words of each group's sum. */
  private long[] highs = new long[INITIAL_GROUPS];
  /** Whether each group saw a non-null value. */
  private boolean[] seen = new boolean[INITIAL_GROUPS];

  /**
   * The scales differ only where Spark's precision rules cut the sum type's scale below the
   * input's (inputs wider than 28 digits with more than 6 of scale); then values are held exactly
   * at the input scale and rounded half up when handed out.
   *
   * @param scale the scale of the values added (raw input, or the state columns merged)
   * @param stateScale the scale of the states handed out; equal to {@code scale} wherever states
   *     are merged back (final aggregates, spills)
   * @param resultScale the scale of the results
   */
  DecimalSumAccumulator(int scale, int stateScale, int resultScale) {
    this.scale = scale;
    this.stateScale = stateScale;
    this.resultScale = resultScale;
  }

  @Override
  void ensureGroups(int groups) {
    if (groups > lows.length) {
      int capacity = grown(lows.length, groups);
      lows = Arrays.copyOf(lows, capacity);
      highs = Arrays.copyOf(highs, capacity);
      seen = Arrays.copyOf(seen, capacity);
    }
  }

  @Override
  void update(ColumnData input, int[] groupIds, int rows) {
    long[] values = ((LongData) input).values();
    boolean[] nulls = input.nulls();
    long[] lows = this.lows;
    long[] highs = this.highs;
    boolean[] seen = this.seen;
    for (int i = 0; i < rows; i++) {
      if (nulls == null || !nulls[i]) {
        int group = groupIds[i];
        long value = values[i];
        long low = lows[group];
        long sum = low + value;
        highs[group] += (value >> 63) + Int128.carry(low, sum);
        lows[group] = sum;
        seen[group] = true;
      }
    }
  }

  @Override
  void updateSingle(ColumnData input, int rows) {
    long[] values = ((LongData) input).values();
    boolean[] nulls = input.nulls();
    long low = lows[0];
    long high = highs[0];
    boolean any = false;
    for (int i = 0; i < rows; i++) {
      if (nulls == null || !nulls[i]) {
        long value = values[i];
        long sum = low + value;
        high += (value >> 63) + Int128.carry(low, sum);
        low = sum;
        any = true;
      }
    }
    lows[0] = low;
    highs[0] = high;
    seen[0] |= any;
  }

  @Override
  int stateWidth() {
    return 2;
  }

  @Override
  void merge(List<ColumnData> columns, int first, int[] groupIds, int rows) {
    ColumnData lowColumn = columns.get(first);
    long[] addLows = ((LongData) lowColumn).values();
    long[] addHighs = ((LongData) columns.get(first + 1)).values();
    boolean[] nulls = lowColumn.nulls();
    long[] lows = this.lows;
    long[] highs = this.highs;
    boolean[] seen = this.seen;
    for (int i = 0; i < rows; i++) {
      if (nulls == null || !nulls[i]) {
        int group = groupIds[i];
        long low = lows[group];
        long sum = low + addLows[i];
        highs[group] += addHighs[i] + Int128.carry(low, sum);
        lows[group] = sum;
        seen[group] = true;
      }
    }
  }

  /** Whether a group saw a value. */
  boolean seen(int group) {
    return seen[group];
  }

  long low(int group) {
    return lows[group];
  }

  long high(int group) {
    return highs[group];
  }

  /** The scale of the sums held. */
  int scale() {
    return scale;
  }

  @Override
  void states(int[] groups, int count, List<ColumnData> out) {
    sums(groups, count, stateScale, out);
  }

  @Override
  void results(int[] groups, int count, List<ColumnData> out) {
    sums(groups, count, resultScale, out);
  }

  private void sums(int[] groups, int count, int outputScale, List<ColumnData> out) {
    long[] outLows = new long[count];
    long[] outHighs = new long[count];
    long[] word = new long[2];
    for (int i = 0; i < count; i++) {
      int group = groups[i];
      if (scale == outputScale) {
        outLows[i] = lows[group];
        outHighs[i] = highs[group];
      } else if (seen[group]) {
        // rare, so exact and slow
        Int128.set(new BigDecimal(Int128.toBigInteger(lows[group], highs[group]), scale)
            .setScale(outputScale, RoundingMode.HALF_UP).unscaledValue(), word);
        outLows[i] = word[0];
        outHighs[i] = word[1];
      }
    }
    out.add(new LongData(DataType.INT64, outLows, unseen(seen, groups, count), count));
    out.add(new LongData(DataType.INT64, outHighs, null, count));
  }

  @Override
  long memoryBytes() {
    return 17L * lows.length;
  }

  @Override
  void clear() {
    lows = new long[INITIAL_GROUPS];
    highs = new long[INITIAL_GROUPS];
    seen = new boolean[INITIAL_GROUPS];
  }
}
