package dev.sluice.executors.columnar;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.vector.BoolData;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.StringData;
import java.util.Arrays;

/**
 * A column that grows by appending rows of other columns of its type, in plain arrays that double
 * when full: the build side of a hash join is concatenated into these, and so are the rows a
 * spilling join buffers per partition. {@link #build()} hands out a {@link ColumnData} over the
 * arrays without copying; appending later writes only past that column's rows, so it stays valid
 * until {@link #reset()}.
 */
final class ColumnBuilder {
  private static final int INITIAL_CAPACITY = 256;
  /** The largest array Java allocates reliably. */
  private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

  private final DataType type;
  private long[] longs;
  private double[] doubles;
  private boolean[] booleans;
  /** utf8 bytes and offsets (offsets[0] = 0; row i is bytes[offsets[i], offsets[i+1])). */
  private byte[] bytes;
  private int[] offsets;
  /** Null flags, allocated at the first null. */
  private boolean[] nulls;
  private int size;

  ColumnBuilder(DataType type) {
    this.type = requireNonNull(type, "type is null");
    if (type instanceof DataType.Binary) {
      throw new EngineException(ErrorCode.UNSUPPORTED_TYPE, "A hash join cannot hold binary columns");
    }
    allocate(INITIAL_CAPACITY);
  }

  private void allocate(int capacity) {
    size = 0;
    nulls = null;
    longs = null;
    doubles = null;
    booleans = null;
    bytes = null;
    offsets = null;
    if (type instanceof DataType.Float64) {
      doubles = new double[capacity];
    } else if (type instanceof DataType.Bool) {
      booleans = new boolean[capacity];
    } else if (type instanceof DataType.Utf8) {
      offsets = new int[capacity + 1];
      bytes = new byte[capacity * 8];
    } else {
      longs = new long[capacity];
    }
  }

  DataType type() {
    return type;
  }

  int size() {
    return size;
  }

  /** Appends every row of {@code column}. */
  void append(ColumnData column) {
    append(column, null, column.size());
  }

  /**
   * Appends rows {@code selection[0..count)} of {@code column}, in that order, or its first
   * {@code count} rows when {@code selection} is null.
   */
  void append(ColumnData column, int[] selection, int count) {
    ensureRows(size + count);
    if (column.nulls() != null || nulls != null) {
      appendNulls(column.nulls(), selection, count);
    }
    if (column instanceof LongData data) {
      long[] values = data.values();
      if (selection == null) {
        System.arraycopy(values, 0, longs, size, count);
      } else {
        for (int i = 0; i < count; i++) {
          longs[size + i] = values[selection[i]];
        }
      }
    } else if (column instanceof DoubleData data) {
      double[] values = data.values();
      if (selection == null) {
        System.arraycopy(values, 0, doubles, size, count);
      } else {
        for (int i = 0; i < count; i++) {
          doubles[size + i] = values[selection[i]];
        }
      }
    } else if (column instanceof BoolData data) {
      boolean[] values = data.values();
      if (selection == null) {
        System.arraycopy(values, 0, booleans, size, count);
      } else {
        for (int i = 0; i < count; i++) {
          booleans[size + i] = values[selection[i]];
        }
      }
    } else {
      appendStrings((StringData) column, selection, count);
    }
    size += count;
  }

  private void appendStrings(StringData column, int[] selection, int count) {
    byte[] source = column.bytes();
    int[] sourceOffsets = column.offsets();
    if (selection == null) {
      int from = sourceOffsets[0];
      int length = sourceOffsets[count] - from;
      int base = offsets[size];
      ensureBytes((long) base + length);
      System.arraycopy(source, from, bytes, base, length);
      for (int i = 1; i <= count; i++) {
        offsets[size + i] = base + sourceOffsets[i] - from;
      }
      return;
    }
    long total = offsets[size];
    for (int i = 0; i < count; i++) {
      total += sourceOffsets[selection[i] + 1] - sourceOffsets[selection[i]];
    }
    ensureBytes(total);
    int position = offsets[size];
    for (int i = 0; i < count; i++) {
      int row = selection[i];
      int length = sourceOffsets[row + 1] - sourceOffsets[row];
      System.arraycopy(source, sourceOffsets[row], bytes, position, length);
      position += length;
      offsets[size + i + 1] = position;
    }
  }

  private void appendNulls(boolean[] source, int[] selection, int count) {
    if (nulls == null) {
      nulls = new boolean[capacity()];
    }
    if (source == null) {
      Arrays.fill(nulls, size, size + count, false);
    } else if (selection == null) {
      System.arraycopy(source, 0, nulls, size, count);
    } else {
      for (int i = 0; i < count; i++) {
        nulls[size + i] = source[selection[i]];
      }
    }
  }

  private int capacity() {
    if (longs != null) {
      return longs.length;
    }
    if (doubles != null) {
      return doubles.length;
    }
    return booleans != null ? booleans.length : offsets.length - 1;
  }

  private void ensureRows(long rows) {
    int capacity = capacity();
    if (rows <= capacity) {
      return;
    }
    if (rows > MAX_ARRAY - 1) {
      throw tooLarge(rows + " rows");
    }
    int grown = (int) Math.min(MAX_ARRAY - 1, Math.max(rows, 2L * capacity));
    if (longs != null) {
      longs = Arrays.copyOf(longs, grown);
    } else if (doubles != null) {
      doubles = Arrays.copyOf(doubles, grown);
    } else if (booleans != null) {
      booleans = Arrays.copyOf(booleans, grown);
    } else {
      offsets = Arrays.copyOf(offsets, grown + 1);
    }
    if (nulls != null) {
      nulls = Arrays.copyOf(nulls, grown);
    }
  }

  private void ensureBytes(long length) {
    if (length <= bytes.length) {
      return;
    }
    if (length > MAX_ARRAY) {
      throw tooLarge(length + " bytes of strings");
    }
    bytes = Arrays.copyOf(bytes, (int) Math.min(MAX_ARRAY, Math.max(length, 2L * bytes.length)));
  }

  private static EngineException tooLarge(String what) {
    return new EngineException(ErrorCode.EXCEEDED_MEMORY_LIMIT, "A hash join column cannot hold " + what
        + " in one array; lower the setting sluice.task.memory so that the join spills earlier");
  }

  /** The rows appended so far, as a column over this builder's arrays (not copied). */
  ColumnData build() {
    if (longs != null) {
      return new LongData(type, longs, nulls, size);
    }
    if (doubles != null) {
      return new DoubleData(doubles, nulls, size);
    }
    if (booleans != null) {
      return new BoolData(booleans, nulls, size);
    }
    return new StringData(bytes, offsets, nulls, size);
  }

  /** Bytes held by the arrays (their capacity, not just the rows used). */
  long sizeInBytes() {
    long total = 16L + (nulls == null ? 0 : nulls.length);
    if (longs != null) {
      total += 8L * longs.length;
    } else if (doubles != null) {
      total += 8L * doubles.length;
    } else if (booleans != null) {
      total += booleans.length;
    } else {
      total += 4L * offsets.length + bytes.length;
    }
    return total;
  }

  /** Forgets every row and shrinks back to a small capacity; columns built before become invalid. */
  void reset() {
    allocate(INITIAL_CAPACITY);
  }

  /** About the heap bytes {@code column}'s rows take once appended to a builder. */
  static long sizeOf(ColumnData column) {
    long rows = column.size();
    long total = column.nulls() == null ? 0 : rows;
    if (column instanceof StringData strings) {
      return total + 4 * rows + (rows == 0 ? 0 : strings.offsets()[(int) rows] - strings.offsets()[0]);
    }
    return total + (column instanceof BoolData ? rows : 8 * rows);
  }
}
