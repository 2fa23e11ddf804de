package dev.sluice.executors.columnar;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.vector.BoolData;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.DoubleData;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.StringData;
import java.util.Arrays;
import java.util.List;

/**
 * The sort key values of a set of rows, in the form rows are compared in: per key, one {@code long}
 * per row for int32, int64, date32, decimal (the unscaled value: the keys of one column share a
 * scale), float64 (its bits mapped so that signed {@code long} order is {@link Double#compare}
 * order) and boolean (0 or 1), or the UTF-8 bytes and offsets of strings (compared as unsigned
 * bytes); plus null flags. Rows compare key by key as {@link SortKey} says: ascending keys put
 * nulls first and descending keys last unless {@code nullsFirst} says otherwise, and a descending
 * key reverses the order of non-null values.
 *
 * <p>Either a growing buffer ({@link #SortKeyColumns(List)}, then {@link #append}) or a view of
 * one batch's key columns ({@link #wrap}, sharing their arrays). Not thread-safe.
 */
public final class SortKeyColumns {
  /** Kinds of key storage. */
  static final int LONG = 0;
  static final int STRING = 1;
  private static final int UNSET = -1;

  /** Per key: its direction. */
  private final boolean[] ascending;
  /** Per key: whether nulls come before non-null values. */
  private final boolean[] nullsFirst;
  /** Per key: {@link #LONG} or {@link #STRING}, fixed by the first column appended. */
  private final int[] kinds;
  /** Per key: the type of its column, fixed by the first column appended. */
  private final DataType[] types;
  /** Per key: the long form of each row's value (LONG keys). */
  private final long[][] values;
  /** Per key: the UTF-8 bytes of all rows (STRING keys). */
  private final byte[][] bytes;
  /** Per key: row {@code i} is {@code bytes[offsets[i], offsets[i+1])} (STRING keys). */
  private final int[][] offsets;
  /** Per key: null flags, or null while no row is null. */
  private final boolean[][] nulls;
  /** Whether {@link #append} may be called (false for a view). */
  private final boolean growable;
  /** Rows held. */
  private int size;
  /** Rows the arrays can hold. */
  private int capacity;

  /** An empty, growing buffer of key values. */
  public SortKeyColumns(List<SortKey> keys) {
    this(keys, true);
  }

  private SortKeyColumns(List<SortKey> keys, boolean growable) {
    requireNonNull(keys, "keys is null");
    int count = keys.size();
    ascending = new boolean[count];
    nullsFirst = new boolean[count];
    kinds = new int[count];
    types = new DataType[count];
    values = new long[count][];
    bytes = new byte[count][];
    offsets = new int[count][];
    nulls = new boolean[count][];
    for (int k = 0; k < count; k++) {
      ascending[k] = keys.get(k).ascending();
      nullsFirst[k] = keys.get(k).nullsFirst();
      kinds[k] = UNSET;
    }
    this.growable = growable;
  }

  /**
   * A view of evaluated key columns (one per key, all of the same length); long and string columns
   * are shared, not copied, and must not change while the view is used.
   */
  public static SortKeyColumns wrap(List<SortKey> keys, List<ColumnData> columns, int rows) {
    SortKeyColumns view = new SortKeyColumns(keys, false);
    checkArity(keys.size(), columns);
    for (int k = 0; k < columns.size(); k++) {
      ColumnData column = columns.get(k);
      view.setKind(k, column);
      view.nulls[k] = column.nulls();
      if (column instanceof LongData longs) {
        view.values[k] = longs.values();
      } else if (column instanceof StringData strings) {
        view.bytes[k] = strings.bytes();
        view.offsets[k] = strings.offsets();
      } else {
        long[] converted = new long[rows];
        convert(column, converted, 0, rows);
        view.values[k] = converted;
      }
    }
    view.size = rows;
    view.capacity = rows;
    return view;
  }

  /** Appends the rows of evaluated key columns (one per key, all of the same length). */
  public void append(List<ColumnData> columns, int rows) {
    if (!growable) {
      throw new IllegalStateException("Cannot append to a view of one batch's sort keys");
    }
    checkArity(kinds.length, columns);
    ensureCapacity(size + rows);
    for (int k = 0; k < columns.size(); k++) {
      ColumnData column = columns.get(k);
      setKind(k, column);
      boolean[] columnNulls = column.nulls();
      if (columnNulls != null) {
        if (nulls[k] == null) {
          nulls[k] = new boolean[capacity];
        }
        System.arraycopy(columnNulls, 0, nulls[k], size, rows);
      } else if (nulls[k] != null) {
        Arrays.fill(nulls[k], size, size + rows, false);
      }
      if (column instanceof StringData strings) {
        appendStrings(k, strings, rows);
      } else if (column instanceof LongData longs) {
        System.arraycopy(longs.values(), 0, values[k], size, rows);
      } else {
        convert(column, values[k], size, rows);
      }
    }
    size += rows;
  }

  private void appendStrings(int k, StringData strings, int rows) {
    int[] from = strings.offsets();
    int base = from[0];
    int length = from[rows] - base;
    int[] to = offsets[k];
    int start = to[size];
    if (bytes[k].length - start < length) {
      long wanted = Math.max((long) start + length, (long) bytes[k].length * 3 / 2 + 16);
      if (wanted > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("sort key strings exceed 2 GiB in one buffer");
      }
      bytes[k] = Arrays.copyOf(bytes[k], (int) wanted);
    }
    System.arraycopy(strings.bytes(), base, bytes[k], start, length);
    for (int i = 1; i <= rows; i++) {
      to[size + i] = start + from[i] - base;
    }
  }

  private static void convert(ColumnData column, long[] out, int at, int rows) {
    if (column instanceof DoubleData doubles) {
      double[] in = doubles.values();
      for (int i = 0; i < rows; i++) {
        out[at + i] = sortableBits(in[i]);
      }
    } else {
      boolean[] in = ((BoolData) column).values();
      for (int i = 0; i < rows; i++) {
        out[at + i] = in[i] ? 1 : 0;
      }
    }
  }

  /** The bits of a double mapped so that signed long order is {@link Double#compare}'s order. */
  static long sortableBits(double value) {
    long bits = Double.doubleToLongBits(value);
    return bits ^ ((bits >> 63) & Long.MAX_VALUE);
  }

  private void setKind(int k, ColumnData column) {
    int kind = column instanceof StringData ? STRING : LONG;
    if (kinds[k] == UNSET) {
      kinds[k] = kind;
      types[k] = column.type();
      if (growable) {
        allocate(k);
      }
    } else if (!types[k].equals(column.type())) {
      throw new IllegalStateException("sort key " + k + " changed type from " + types[k].displayName() + " to "
          + column.type().displayName() + " between batches; this is a bug");
    }
  }

  private void allocate(int k) {
    if (kinds[k] == STRING) {
      offsets[k] = new int[capacity + 1];
      bytes[k] = new byte[Math.max(16, capacity * 8)];
    } else {
      values[k] = new long[capacity];
    }
  }

  private void ensureCapacity(int wanted) {
    if (wanted <= capacity) {
      return;
    }
    int grown = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(wanted, capacity * 3L / 2 + 1024));
    for (int k = 0; k < kinds.length; k++) {
      if (values[k] != null) {
        values[k] = Arrays.copyOf(values[k], grown);
      }
      if (offsets[k] != null) {
        offsets[k] = Arrays.copyOf(offsets[k], grown + 1);
      }
      if (nulls[k] != null) {
        nulls[k] = Arrays.copyOf(nulls[k], grown);
      }
    }
    capacity = grown;
  }

  private static void checkArity(int keys, List<ColumnData> columns) {
    if (columns.size() != keys) {
      throw new IllegalArgumentException("expected " + keys + " key columns, got " + columns.size());
    }
  }

  /** Empties the buffer (a growing one keeps its key kinds and drops its arrays). */
  public void clear() {
    size = 0;
    capacity = 0;
    for (int k = 0; k < kinds.length; k++) {
      values[k] = null;
      bytes[k] = null;
      offsets[k] = null;
      nulls[k] = null;
      if (kinds[k] != UNSET && growable) {
        allocate(k);
      }
    }
  }

  public int size() {
    return size;
  }

  public int keyCount() {
    return kinds.length;
  }

  /** Heap bytes held by the arrays. */
  public long bytesHeld() {
    long total = 0;
    for (int k = 0; k < kinds.length; k++) {
      total += values[k] == null ? 0 : 8L * values[k].length;
      total += bytes[k] == null ? 0 : bytes[k].length;
      total += offsets[k] == null ? 0 : 4L * offsets[k].length;
      total += nulls[k] == null ? 0 : nulls[k].length;
    }
    return total;
  }

  /** The order of row {@code i} of this and row {@code j} of {@code other} (same keys). */
  public int compare(int i, SortKeyColumns other, int j) {
    return compareFrom(0, i, other, j);
  }

  /** As {@link #compare}, looking only at keys {@code from} and later. */
  public int compareFrom(int from, int i, SortKeyColumns other, int j) {
    for (int k = from; k < kinds.length; k++) {
      boolean[] leftNulls = nulls[k];
      boolean[] rightNulls = other.nulls[k];
      boolean leftNull = leftNulls != null && leftNulls[i];
      boolean rightNull = rightNulls != null && rightNulls[j];
      if (leftNull || rightNull) {
        if (leftNull && rightNull) {
          continue;
        }
        return leftNull == nullsFirst[k] ? -1 : 1;
      }
      int order;
      if (kinds[k] == STRING) {
        int[] left = offsets[k];
        int[] right = other.offsets[k];
        order = Arrays.compareUnsigned(bytes[k], left[i], left[i + 1], other.bytes[k], right[j], right[j + 1]);
      } else {
        order = Long.compare(values[k][i], other.values[k][j]);
      }
      if (order != 0) {
        return ascending[k] ? order : -order;
      }
    }
    return 0;
  }

  /** Whether key {@code k}'s long form orders its values exactly (strings only by a prefix). */
  boolean exact(int k) {
    return kinds[k] != STRING;
  }

  boolean nullsFirst(int k) {
    return nullsFirst[k];
  }

  /** Null flags of key {@code k}, or null when none of its rows is null. */
  boolean[] nulls(int k) {
    return nulls[k];
  }

  /**
   * A long per row whose signed order is the key's order of non-null values, direction applied:
   * exact for numbers, dates and booleans, the first 8 bytes for strings (ties need {@link
   * #compareFrom}).
   */
  long directed(int k, int row) {
    long value;
    if (kinds[k] == STRING) {
      int start = offsets[k][row];
      int end = Math.min(offsets[k][row + 1], start + 8);
      byte[] data = bytes[k];
      long prefix = 0;
      for (int b = start; b < start + 8; b++) {
        prefix = (prefix << 8) | (b < end ? data[b] & 0xff : 0);
      }
      value = prefix ^ Long.MIN_VALUE;
    } else {
      value = values[k][row];
    }
    return ascending[k] ? value : ~value;
  }
}
