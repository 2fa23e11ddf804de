package dev.sluice.executors.columnar;

import dev.sluice.engine.types.DataType;
import dev.sluice.engine.vector.ColumnData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The groups of a hash aggregation: distinct key tuples numbered {@code 0, 1, ...} in the order
 * they were first seen, keys stored column-wise ({@link GroupKeyColumn}), found through an
 * open-addressing index (linear probing, at most half full) over the rows' {@code ColumnHash}
 * hashes. Each group keeps its hash, so growing the index and routing groups to spill buckets
 * never rehashes keys. The index position is taken from the high bits of {@code hash × φ}, since
 * rows that arrive through a hash shuffle share the hash's low bits modulo the partition count.
 *
 * <p>With no key columns there is exactly one group, {@code 0}, from the start.
 */
final class GroupTable {
  private static final long SPREAD = 0x9E3779B97F4A7C15L;
  private static final int INITIAL_SLOTS = 1024;

  /** The key columns. */
  private final GroupKeyColumn[] keys;
  /** The hash of each group. */
  private long[] hashes = new long[GroupKeyColumn.INITIAL_GROUPS];
  /** Group id per index slot, -1 where empty. */
  private int[] slots;
  /** {@code 64 - log2(slots.length)}. */
  private int shift;
  /** How many groups there are. */
  private int groups;

  GroupTable(List<DataType> keyTypes) {
    this.keys = new GroupKeyColumn[keyTypes.size()];
    for (int k = 0; k < keys.length; k++) {
      keys[k] = GroupKeyColumn.of(keyTypes.get(k));
    }
    clear();
  }

  /** How many groups there are. */
  int groupCount() {
    return groups;
  }

  /** The hash of a group's key. */
  long hashOf(int group) {
    return hashes[group];
  }

  /**
   * Sets {@code groupIds[i]} to the group of row {@code i} of the key columns, adding a group for
   * every key not seen before.
   *
   * @param keyColumns one column per key, at least {@code rows} rows each
   * @param rowHashes the rows' {@code ColumnHash.hash} of the key columns (unused without keys)
   */
  void findOrInsert(List<ColumnData> keyColumns, long[] rowHashes, int rows, int[] groupIds) {
    if (keys.length == 0) {
      Arrays.fill(groupIds, 0, rows, 0);
      return;
    }
    for (int k = 0; k < keys.length; k++) {
      keys[k].bind(keyColumns.get(k));
    }
    int mask = slots.length - 1;
    for (int i = 0; i < rows; i++) {
      long hash = rowHashes[i];
      int slot = (int) ((hash * SPREAD) >>> shift);
      int group;
      while (true) {
        group = slots[slot];
        if (group < 0) {
          group = insert(hash, i);
          slots[slot] = group;
          if (groups > (slots.length >> 1)) {
            grow();
            mask = slots.length - 1;
          }
          break;
        }
        if (hashes[group] == hash && keysMatch(group, i)) {
          break;
        }
        slot = (slot + 1) & mask;
      }
      groupIds[i] = group;
    }
  }

  private boolean keysMatch(int group, int row) {
    if (keys.length == 1) {
      return keys[0].matches(group, row);
    }
    for (GroupKeyColumn key : keys) {
      if (!key.matches(group, row)) {
        return false;
      }
    }
    return true;
  }

  private int insert(long hash, int row) {
    int group = groups++;
    if (group == hashes.length) {
      hashes = Arrays.copyOf(hashes, GroupKeyColumn.grown(hashes.length, group + 1));
    }
    hashes[group] = hash;
    for (GroupKeyColumn key : keys) {
      key.append(group, row);
    }
    return group;
  }

  private void grow() {
    int[] grown = new int[slots.length * 2];
    Arrays.fill(grown, -1);
    shift--;
    int mask = grown.length - 1;
    for (int group = 0; group < groups; group++) {
      int slot = (int) ((hashes[group] * SPREAD) >>> shift);
      while (grown[slot] >= 0) {
        slot = (slot + 1) & mask;
      }
      grown[slot] = group;
    }
    slots = grown;
  }

  /** The key columns of groups {@code groups[0..count)}. */
  List<ColumnData> keyColumns(int[] groupIds, int count) {
    List<ColumnData> columns = new ArrayList<>(keys.length);
    for (GroupKeyColumn key : keys) {
      columns.add(key.column(groupIds, count));
    }
    return columns;
  }

  /** Bytes held by the index and the keys. */
  long memoryBytes() {
    long bytes = 4L * slots.length + 8L * hashes.length;
    for (GroupKeyColumn key : keys) {
      bytes += key.memoryBytes();
    }
    return bytes;
  }

  /** Forgets every group (and frees what they held). */
  void clear() {
    for (GroupKeyColumn key : keys) {
      key.clear();
    }
    hashes = new long[GroupKeyColumn.INITIAL_GROUPS];
    slots = new int[INITIAL_SLOTS];
    Arrays.fill(slots, -1);
    shift = 64 - Integer.numberOfTrailingZeros(INITIAL_SLOTS);
    groups = keys.length == 0 ? 1 : 0;
  }
}
