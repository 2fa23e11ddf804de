package dev.sluice.executors.columnar;

import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.ColumnHash;
import dev.sluice.engine.vector.StringData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The distinct grouping keys of one batch, when every key column is utf8 and every value is at most
 * {@value #MAX_BYTES} bytes long and the batch holds at most {@value #MAX_DISTINCT} distinct key
 * tuples (e.g. TPC-H Q1's one-letter flags). Each value is packed into one long (its bytes, and its
 * length in the top byte; null as -1), rows are numbered by the distinct tuple they hold through a
 * small open-addressing table over those longs, and only one row per distinct tuple is then hashed
 * with {@code ColumnHash} and looked up in the {@link GroupTable}. The groups and their hashes are
 * therefore exactly those of the row-at-a-time path.
 */
final class BatchKeyDictionary {
  /** The longest value (bytes) that is packed. */
  static final int MAX_BYTES = 7;
  /** The most distinct key tuples per batch; with more the batch takes the row-at-a-time path. */
  static final int MAX_DISTINCT = 256;
  private static final int SLOTS = 2 * MAX_DISTINCT;
  private static final long NULL_KEY = -1L;
  /** After this many batches that did not qualify, no more are tried. */
  private static final int MAX_MISSES = 4;

  private final int keyCount;
  /** Packed values, row-major per key column: {@code packed[k][row]}. */
  private long[][] packed;
  /** Distinct tuple per slot, -1 where empty. */
  private final int[] slots = new int[SLOTS];
  /** Packed key tuple of each distinct entry, {@code keyCount} longs each. */
  private final long[] entries;
  /** One row holding each distinct entry. */
  private final int[] firstRows = new int[MAX_DISTINCT];
  /** The distinct entry of each row. */
  private int[] rowEntries = new int[0];
  private final int[] entryGroups = new int[MAX_DISTINCT];
  private int misses;

  BatchKeyDictionary(int keyCount) {
    this.keyCount = keyCount;
    this.packed = new long[keyCount][];
    this.entries = new long[keyCount * MAX_DISTINCT];
  }

  /**
   * Sets {@code groupIds[i]} to the group of row {@code i}, adding groups to {@code table} as
   * {@link GroupTable#findOrInsert} would; returns false, having changed nothing, when the batch does
   * not qualify (a key that is not utf8, a value too long, too many distinct keys).
   */
  boolean findOrInsert(GroupTable table, List<ColumnData> keyColumns, int rows, int[] groupIds) {
    if (rows == 0 || misses >= MAX_MISSES) {
      return false;
    }
    for (int k = 0; k < keyCount; k++) {
      if (!(keyColumns.get(k) instanceof StringData strings)) {
        misses = MAX_MISSES;
        return false;
      }
      if (!pack(k, strings, rows)) {
        misses++;
        return false;
      }
    }
    int distinct = number(rows);
    if (distinct < 0) {
      misses++;
      return false;
    }
    List<ColumnData> representatives = new ArrayList<>(keyCount);
    for (int k = 0; k < keyCount; k++) {
      representatives.add(gather((StringData) keyColumns.get(k), distinct));
    }
    long[] hashes = ColumnHash.hash(representatives, distinct);
    table.findOrInsert(representatives, hashes, distinct, entryGroups);
    int[] entriesOfRows = rowEntries;
    int[] groupsOfEntries = entryGroups;
    for (int i = 0; i < rows; i++) {
      groupIds[i] = groupsOfEntries[entriesOfRows[i]];
    }
    return true;
  }

  /** Packs key column {@code k}; false when a value is too long. */
  private boolean pack(int k, StringData strings, int rows) {
    long[] out = packed[k];
    if (out == null || out.length < rows) {
      out = new long[Math.max(rows, 1024)];
      packed[k] = out;
    }
    byte[] bytes = strings.bytes();
    int[] offsets = strings.offsets();
    boolean[] nulls = strings.nulls();
    for (int i = 0; i < rows; i++) {
      int start = offsets[i];
      int length = offsets[i + 1] - start;
      if (nulls != null && nulls[i]) {
        out[i] = NULL_KEY;
        continue;
      }
      if (length > MAX_BYTES) {
        return false;
      }
      long value = (long) length << 56;
      for (int b = 0; b < length; b++) {
        value |= (bytes[start + b] & 0xffL) << (8 * b);
      }
      out[i] = value;
    }
    return true;
  }

  /** Numbers the rows by distinct key tuple; returns how many there are, or -1 beyond the limit. */
  private int number(int rows) {
    if (rowEntries.length < rows) {
      rowEntries = new int[Math.max(rows, 1024)];
    }
    Arrays.fill(slots, -1);
    int distinct = 0;
    int mask = SLOTS - 1;
    for (int i = 0; i < rows; i++) {
      long h = 0;
      for (int k = 0; k < keyCount; k++) {
        h = (h + packed[k][i]) * 0x9E3779B97F4A7C15L;
      }
      int slot = (int) (h >>> 55) & mask;
      int entry;
      while (true) {
        entry = slots[slot];
        if (entry < 0) {
          if (distinct == MAX_DISTINCT) {
            return -1;
          }
          entry = distinct++;
          slots[slot] = entry;
          firstRows[entry] = i;
          for (int k = 0; k < keyCount; k++) {
            entries[entry * keyCount + k] = packed[k][i];
          }
          break;
        }
        if (sameKey(entry, i)) {
          break;
        }
        slot = (slot + 1) & mask;
      }
      rowEntries[i] = entry;
    }
    return distinct;
  }

  private boolean sameKey(int entry, int row) {
    int base = entry * keyCount;
    for (int k = 0; k < keyCount; k++) {
      if (entries[base + k] != packed[k][row]) {
        return false;
      }
    }
    return true;
  }

  /** The first row of each distinct entry, as a column. */
  private StringData gather(StringData column, int distinct) {
    byte[] bytes = column.bytes();
    int[] offsets = column.offsets();
    boolean[] nulls = column.nulls();
    int[] outOffsets = new int[distinct + 1];
    byte[] out = new byte[MAX_BYTES * distinct];
    boolean[] outNulls = nulls == null ? null : new boolean[distinct];
    int position = 0;
    for (int e = 0; e < distinct; e++) {
      int row = firstRows[e];
      int length = nulls != null && nulls[row] ? 0 : offsets[row + 1] - offsets[row];
      System.arraycopy(bytes, offsets[row], out, position, length);
      position += length;
      outOffsets[e + 1] = position;
      if (outNulls != null) {
        outNulls[e] = nulls[row];
      }
    }
    return new StringData(out, outOffsets, outNulls, distinct);
  }
}
