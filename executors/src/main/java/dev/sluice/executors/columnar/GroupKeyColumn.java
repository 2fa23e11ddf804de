package dev.sluice.executors.columnar;

import dev.sluice.engine.types.DataType;
import dev.sluice.engine.vector.BoolData;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.StringData;
import java.util.Arrays;

/**
 * One grouping key of a {@link GroupTable}, stored column-wise: entry {@code g} is the key value of
 * group {@code g} (groups are numbered in insertion order). Compares and appends rows of an input
 * column that was {@link #bind bound} for the current batch, so that the per-row calls cast
 * nothing and allocate nothing. Null is a key value like any other (SQL grouping); float64 keys
 * are stored normalized (-0.0 as 0.0, one NaN), as {@link dev.sluice.engine.vector.ColumnHash}
 * hashes them.
 */
abstract class GroupKeyColumn {
  /** Initial capacity, in groups. */
  static final int INITIAL_GROUPS = 256;

  /** Null flag per group; allocated at the first null key. */
  boolean[] nulls;
  /** The input column's null flags, or null (none). */
  boolean[] inputNulls;

  /** A key column for values of {@code type}. */
  static GroupKeyColumn of(DataType type) {
    if (type instanceof DataType.Float64) {
      return new Doubles();
    }
    if (type instanceof DataType.Bool) {
      return new Bools();
    }
    if (type instanceof DataType.Utf8) {
      return new Strings();
    }
    return new Longs(type);
  }

  /** Binds the input column that {@link #matches} and {@link #append} read rows of. */
  abstract void bind(ColumnData input);

  /** Whether group {@code group}'s key equals row {@code row} of the bound input. */
  abstract boolean matches(int group, int row);

  /** Stores row {@code row} of the bound input as the key of group {@code group} (the next group). */
  abstract void append(int group, int row);

  /** The keys of groups {@code groups[0..count)}, as a column. */
  abstract ColumnData column(int[] groups, int count);

  /** Bytes held. */
  abstract long memoryBytes();

  /** Forgets every group. */
  abstract void clear();

  final boolean nullMatches(int group, int row, boolean[] input) {
    boolean groupNull = nulls != null && nulls[group];
    boolean rowNull = input != null && input[row];
    return groupNull == rowNull;
  }

  final boolean isNull(int group) {
    return nulls != null && nulls[group];
  }

  /** Records the null flag of a new group; returns whether the key is null. */
  final boolean appendNull(int group, int row, int capacity) {
    boolean rowNull = inputNulls != null && inputNulls[row];
    if (rowNull && nulls == null) {
      nulls = new boolean[capacity];
    }
    if (nulls != null) {
      if (nulls.length <= group) {
        nulls = Arrays.copyOf(nulls, Math.max(capacity, group + 1));
      }
      nulls[group] = rowNull;
    }
    return rowNull;
  }

  final boolean[] gatherNulls(int[] groups, int count) {
    if (nulls == null) {
      return null;
    }
    boolean[] out = new boolean[count];
    boolean any = false;
    for (int i = 0; i < count; i++) {
      out[i] = nulls[groups[i]];
      any |= out[i];
    }
    return any ? out : null;
  }

  static int grown(int length, int needed) {
    return Math.max(needed, length + (length >> 1) + 16);
  }

  /** int32, int64, date32 and decimal keys. */
  static final class Longs extends GroupKeyColumn {
    private final DataType type;
    private long[] values = new long[INITIAL_GROUPS];
    private long[] input;

    Longs(DataType type) {
      this.type = type;
    }

    @Override
    void bind(ColumnData column) {
      input = ((LongData) column).values();
      inputNulls = column.nulls();
    }

    @Override
    boolean matches(int group, int row) {
      if (!nullMatches(group, row, inputNulls)) {
        return false;
      }
      return isNull(group) || values[group] == input[row];
    }

    @Override
    void append(int group, int row) {
      if (group >= values.length) {
        values = Arrays.copyOf(values, grown(values.length, group + 1));
      }
      values[group] = appendNull(group, row, values.length) ? 0 : input[row];
    }

    @Override
    ColumnData column(int[] groups, int count) {
      long[] out = new long[count];
      for (int i = 0; i < count; i++) {
        out[i] = values[groups[i]];
      }
      return new LongData(type, out, gatherNulls(groups, count), count);
    }

    @Override
    long memoryBytes() {
      return 8L * values.length + (nulls == null ? 0 : nulls.length);
    }

    @Override
    void clear() {
      values = new long[INITIAL_GROUPS];
      nulls = null;
    }
  }

  /** float64 keys, normalized. */
  static final class Doubles extends GroupKeyColumn {
    private double[] values = new double[INITIAL_GROUPS];
    private double[] input;

    /** -0.0 as 0.0 and every NaN as the canonical NaN. */
    static double normalize(double value) {
      if (value == 0.0) {
        return 0.0;
      }
      return value != value ? Double.NaN : value;
    }

    @Override
    void bind(ColumnData column) {
      input = ((DoubleData) column).values();
      inputNulls = column.nulls();
    }

    @Override
    boolean matches(int group, int row) {
      if (!nullMatches(group, row, inputNulls)) {
        return false;
      }
      return isNull(group) || Double.doubleToLongBits(values[group]) == Double.doubleToLongBits(normalize(input[row]));
    }

    @Override
    void append(int group, int row) {
      if (group >= values.length) {
        values = Arrays.copyOf(values, grown(values.length, group + 1));
      }
      values[group] = appendNull(group, row, values.length) ? 0 : normalize(input[row]);
    }

    @Override
    ColumnData column(int[] groups, int count) {
      double[] out = new double[count];
      for (int i = 0; i < count; i++) {
        out[i] = values[groups[i]];
      }
      return new DoubleData(out, gatherNulls(groups, count), count);
    }

    @Override
    long memoryBytes() {
      return 8L * values.length + (nulls == null ? 0 : nulls.length);
    }

    @Override
    void clear() {
      values = new double[INITIAL_GROUPS];
      nulls = null;
    }
  }

  /** boolean keys. */
  static final class Bools extends GroupKeyColumn {
    private boolean[] values = new boolean[INITIAL_GROUPS];
    private boolean[] input;

    @Override
    void bind(ColumnData column) {
      input = ((BoolData) column).values();
      inputNulls = column.nulls();
    }

    @Override
    boolean matches(int group, int row) {
      if (!nullMatches(group, row, inputNulls)) {
        return false;
      }
      return isNull(group) || values[group] == input[row];
    }

    @Override
    void append(int group, int row) {
      if (group >= values.length) {
        values = Arrays.copyOf(values, grown(values.length, group + 1));
      }
      values[group] = !appendNull(group, row, values.length) && input[row];
    }

    @Override
    ColumnData column(int[] groups, int count) {
      boolean[] out = new boolean[count];
      for (int i = 0; i < count; i++) {
        out[i] = values[groups[i]];
      }
      return new BoolData(out, gatherNulls(groups, count), count);
    }

    @Override
    long memoryBytes() {
      return values.length + (nulls == null ? 0 : nulls.length);
    }

    @Override
    void clear() {
      values = new boolean[INITIAL_GROUPS];
      nulls = null;
    }
  }

  /** utf8 keys: the bytes of all keys one after another, and where each starts. */
  static final class Strings extends GroupKeyColumn {
    private byte[] bytes = new byte[16 * INITIAL_GROUPS];
    /** Key {@code g} is {@code bytes[offsets[g] .. offsets[g + 1])}. */
    private int[] offsets = new int[INITIAL_GROUPS + 1];
    private byte[] inputBytes;
    private int[] inputOffsets;

    @Override
    void bind(ColumnData column) {
      StringData strings = (StringData) column;
      inputBytes = strings.bytes();
      inputOffsets = strings.offsets();
      inputNulls = column.nulls();
    }

    @Override
    boolean matches(int group, int row) {
      if (!nullMatches(group, row, inputNulls)) {
        return false;
      }
      if (isNull(group)) {
        return true;
      }
      int start = offsets[group];
      int length = offsets[group + 1] - start;
      int inputStart = inputOffsets[row];
      if (inputOffsets[row + 1] - inputStart != length) {
        return false;
      }
      if (length > 16) {
        return Arrays.equals(bytes, start, start + length, inputBytes, inputStart, inputStart + length);
      }
      for (int i = 0; i < length; i++) {
        if (bytes[start + i] != inputBytes[inputStart + i]) {
          return false;
        }
      }
      return true;
    }

    @Override
    void append(int group, int row) {
      if (group + 1 >= offsets.length) {
        offsets = Arrays.copyOf(offsets, grown(offsets.length, group + 2));
      }
      int start = offsets[group];
      int length = appendNull(group, row, offsets.length) ? 0 : inputOffsets[row + 1] - inputOffsets[row];
      if (start + length > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.toIntExact(Math.min(Integer.MAX_VALUE - 16,
            Math.max((long) start + length, (long) bytes.length * 2))));
      }
      System.arraycopy(inputBytes, inputOffsets[row], bytes, start, length);
      offsets[group + 1] = start + length;
    }

    @Override
    ColumnData column(int[] groups, int count) {
      int total = 0;
      for (int i = 0; i < count; i++) {
        total += offsets[groups[i] + 1] - offsets[groups[i]];
      }
      byte[] out = new byte[total];
      int[] outOffsets = new int[count + 1];
      int position = 0;
      for (int i = 0; i < count; i++) {
        int group = groups[i];
        int length = offsets[group + 1] - offsets[group];
        System.arraycopy(bytes, offsets[group], out, position, length);
        position += length;
        outOffsets[i + 1] = position;
      }
      return new StringData(out, outOffsets, gatherNulls(groups, count), count);
    }

    @Override
    long memoryBytes() {
      return bytes.length + 4L * offsets.length + (nulls == null ? 0 : nulls.length);
    }

    @Override
    void clear() {
      bytes = new byte[16 * INITIAL_GROUPS];
      offsets = new int[INITIAL_GROUPS + 1];
      nulls = null;
    }
  }
}
