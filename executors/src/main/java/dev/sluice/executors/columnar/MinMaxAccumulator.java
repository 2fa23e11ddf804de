package dev.sluice.executors.columnar;

import dev.sluice.engine.types.DataType;
import dev.sluice.engine.vector.BoolData;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;
import java.util.Arrays;
import java.util.List;

/**
 * {@code min} or {@code max}, of the input type; null for a group that saw no non-null value. The
 * state is the value itself, so merging states is the same as adding input. Orders: numbers,
 * dates and decimals (same scale) by value; booleans false before true; float64 as Spark orders
 * it (NaN above every number, -0.0 equal to 0.0); strings by their UTF-8 bytes, unsigned (code
 * point order). On ties the value seen first stays.
 */
abstract class MinMaxAccumulator extends GroupAccumulator {
  /** Whether this is {@code max}. */
  final boolean max;
  /** Whether each group saw a non-null value. */
  boolean[] seen = new boolean[INITIAL_GROUPS];

  MinMaxAccumulator(boolean max) {
    this.max = max;
  }

  /** The accumulator for values of {@code type}. */
  static MinMaxAccumulator of(DataType type, boolean max) {
    if (type instanceof DataType.Float64) {
      return new Doubles(max);
    }
    if (type instanceof DataType.Bool) {
      return new Bools(max);
    }
    if (type instanceof DataType.Utf8) {
      return new StringMinMaxAccumulator(max);
    }
    return new Longs(type, max);
  }

  @Override
  final int stateWidth() {
    return 1;
  }

  @Override
  final void merge(List<ColumnData> columns, int first, int[] groupIds, int rows) {
    update(columns.get(first), groupIds, rows);
  }

  @Override
  final void states(int[] groups, int count, List<ColumnData> out) {
    results(groups, count, out);
  }

  /** int32, int64, date32 and decimal values. */
  static final class Longs extends MinMaxAccumulator {
    private final DataType type;
    private long[] values = new long[INITIAL_GROUPS];

    Longs(DataType type, boolean max) {
      super(max);
      this.type = type;
    }

    @Override
    void ensureGroups(int groups) {
      if (groups > values.length) {
        int capacity = grown(values.length, groups);
        values = Arrays.copyOf(values, capacity);
        seen = Arrays.copyOf(seen, capacity);
      }
    }

    @Override
    void update(ColumnData input, int[] groupIds, int rows) {
      long[] in = ((LongData) input).values();
      boolean[] nulls = input.nulls();
      long[] values = this.values;
      boolean[] seen = this.seen;
      for (int i = 0; i < rows; i++) {
        if (nulls == null || !nulls[i]) {
          int group = groupIds[i];
          long value = in[i];
          if (!seen[group] || (max ? value > values[group] : value < values[group])) {
            values[group] = value;
            seen[group] = true;
          }
        }
      }
    }

    @Override
    void results(int[] groups, int count, List<ColumnData> out) {
      long[] result = new long[count];
      for (int i = 0; i < count; i++) {
        result[i] = values[groups[i]];
      }
      out.add(new LongData(type, result, unseen(seen, groups, count), count));
    }

    @Override
    long memoryBytes() {
      return 9L * values.length;
    }

    @Override
    void clear() {
      values = new long[INITIAL_GROUPS];
      seen = new boolean[INITIAL_GROUPS];
    }
  }

  /** float64 values. */
  static final class Doubles extends MinMaxAccumulator {
    private double[] values = new double[INITIAL_GROUPS];

    Doubles(boolean max) {
      super(max);
    }

    @Override
    void ensureGroups(int groups) {
      if (groups > values.length) {
        int capacity = grown(values.length, groups);
        values = Arrays.copyOf(values, capacity);
        seen = Arrays.copyOf(seen, capacity);
      }
    }

    /** Whether {@code a} sorts before {@code b}: NaN after everything, -0.0 equal to 0.0. */
    private static boolean before(double a, double b) {
      return a < b || (b != b && a == a);
    }

    @Override
    void update(ColumnData input, int[] groupIds, int rows) {
      double[] in = ((DoubleData) input).values();
      boolean[] nulls = input.nulls();
      double[] values = this.values;
      boolean[] seen = this.seen;
      for (int i = 0; i < rows; i++) {
        if (nulls == null || !nulls[i]) {
          int group = groupIds[i];
          double value = in[i];
          if (!seen[group] || (max ? before(values[group], value) : before(value, values[group]))) {
            values[group] = value;
            seen[group] = true;
          }
        }
      }
    }

    @Override
    void results(int[] groups, int count, List<ColumnData> out) {
      double[] result = new double[count];
      for (int i = 0; i < count; i++) {
        result[i] = values[groups[i]];
      }
      out.add(new DoubleData(result, unseen(seen, groups, count), count));
    }

    @Override
    long memoryBytes() {
      return 9L * values.length;
    }

    @Override
    void clear() {
      values = new double[INITIAL_GROUPS];
      seen = new boolean[INITIAL_GROUPS];
    }
  }

  /** boolean values. */
  static final class Bools extends MinMaxAccumulator {
    private boolean[] values = new boolean[INITIAL_GROUPS];

    Bools(boolean max) {
      super(max);
    }

    @Override
    void ensureGroups(int groups) {
      if (groups > values.length) {
        int capacity = grown(values.length, groups);
        values = Arrays.copyOf(values, capacity);
        seen = Arrays.copyOf(seen, capacity);
      }
    }

    @Override
    void update(ColumnData input, int[] groupIds, int rows) {
      boolean[] in = ((BoolData) input).values();
      boolean[] nulls = input.nulls();
      boolean[] values = this.values;
      boolean[] seen = this.seen;
      for (int i = 0; i < rows; i++) {
        if (nulls == null || !nulls[i]) {
          int group = groupIds[i];
          boolean value = in[i];
          if (!seen[group]) {
            values[group] = value;
            seen[group] = true;
          } else {
            values[group] = max ? values[group] | value : values[group] & value;
          }
        }
      }
    }

    @Override
    void results(int[] groups, int count, List<ColumnData> out) {
      boolean[] result = new boolean[count];
      for (int i = 0; i < count; i++) {
        result[i] = values[groups[i]];
      }
      out.add(new BoolData(result, unseen(seen, groups, count), count));
    }

    @Override
    long memoryBytes() {
      return 2L * values.length;
    }

    @Override
    void clear() {
      values = new boolean[INITIAL_GROUPS];
      seen = new boolean[INITIAL_GROUPS];
    }
  }
}
