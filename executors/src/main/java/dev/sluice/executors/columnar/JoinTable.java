package dev.sluice.executors.columnar;

import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.VectorBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The build side of a hash join: its rows concatenated column by column into growable arrays
 * ({@link ColumnBuilder}), each row's key hash beside them, and once {@link #finish finished} a
 * chained hash index over the hashes: {@code heads[slot]} is the last row inserted with that slot
 * (the hash's high bits; a shuffle gives a task rows whose hashes share their low bits) and
 * {@code next[row]} the row before it in the chain, -1 ending both. Rows whose key has a null are
 * kept (outer and anti joins emit them) but not indexed, so they never match. No object is made
 * per row.
 *
 * <p>Protocol: {@link #append} batches, then {@link #finish} once, then probe ({@link #head},
 * {@link #next()}, {@link #hashes()}, {@link #keyColumn}) and read ({@link #column}, matched flags).
 */
final class JoinTable {
  /** Bytes per row of the index built by {@link #finish} (heads about 2 slots, next, hash, matched flag). */
  static final long INDEX_BYTES_PER_ROW = 8 + 4 + 12 + 1;

  /** The build side's columns, or null for a table that never saw a batch (no rows, no columns). */
  private final Schema schema;
  private final JoinKeys keys;
  private final ColumnBuilder[] columns;
  /** Per key: the builder of a computed key's values, or null where the key is a column. */
  private final ColumnBuilder[] computedKeys;
  private long[] hashes = new long[256];
  private int rows;
  /** Set by {@link #finish}. */
  private ColumnData[] data;
  private ColumnData[] keyData;
  private int[] heads;
  private int[] next;
  private int shift;
  private boolean[] matched;

  /** A table of the rows to come with {@code schema}'s columns. */
  JoinTable(Schema schema, JoinKeys keys) {
    this.schema = schema;
    this.keys = keys;
    this.columns = new ColumnBuilder[schema == null ? 0 : schema.fields().size()];
    for (int c = 0; c < columns.length; c++) {
      columns[c] = new ColumnBuilder(schema.fields().get(c).type());
    }
    this.computedKeys = new ColumnBuilder[keys.count()];
  }

  /** A finished table without rows or columns (the build side was empty). */
  static JoinTable empty(JoinKeys keys) {
    JoinTable table = new JoinTable(null, keys);
    table.finish(false);
    return table;
  }

  /** The build side's schema, or null if the table never saw a batch. */
  Schema schema() {
    return schema;
  }

  int rows() {
    return rows;
  }

  /**
   * Appends a batch of build rows with its key columns and their hashes.
   *
   * @param batch rows with the table's columns
   * @param keyColumns the batch's keys ({@link JoinKeys#evaluate})
   * @param batchHashes the keys' hashes
   */
  void append(VectorBatch batch, ColumnData[] keyColumns, long[] batchHashes) {
    if (data != null) {
      throw new IllegalStateException("Cannot append to a finished join table");
    }
    int count = batch.rowCount();
    for (int c = 0; c < columns.length; c++) {
      columns[c].append(batch.column(c));
    }
    for (int k = 0; k < computedKeys.length; k++) {
      if (keys.column(k) < 0) {
        if (computedKeys[k] == null) {
          computedKeys[k] = new ColumnBuilder(keyColumns[k].type());
        }
        computedKeys[k].append(keyColumns[k]);
      }
    }
    if (rows + count > hashes.length) {
      hashes = Arrays.copyOf(hashes, Math.max(rows + count, 2 * hashes.length));
    }
    System.arraycopy(batchHashes, 0, hashes, rows, count);
    rows += count;
  }

  /** About the heap bytes this table holds, counting the index {@link #finish} will add. */
  long sizeInBytes() {
    long total = 8L * hashes.length + INDEX_BYTES_PER_ROW * rows;
    for (ColumnBuilder column : columns) {
      total += column.sizeInBytes();
    }
    for (ColumnBuilder key : computedKeys) {
      total += key == null ? 0 : key.sizeInBytes();
    }
    return total;
  }

  /** About the heap bytes appending {@code batch} (and its computed keys) adds to a table. */
  static long sizeOf(VectorBatch batch, ColumnData[] keyColumns, JoinKeys keys) {
    long total = (INDEX_BYTES_PER_ROW + 8) * batch.rowCount();
    for (ColumnData column : batch.columns()) {
      total += ColumnBuilder.sizeOf(column);
    }
    for (int k = 0; k < keys.count(); k++) {
      total += keys.column(k) < 0 ? ColumnBuilder.sizeOf(keyColumns[k]) : 0;
    }
    return total;
  }

  /** The rows appended so far as one batch (columns over the builders' arrays), for spilling. */
  VectorBatch contents() {
    List<ColumnData> out = new ArrayList<>(columns.length);
    for (ColumnBuilder column : columns) {
      out.add(column.build());
    }
    return new VectorBatch(schema == null ? new Schema(List.<Field>of()) : schema, out, rows);
  }

  /** The key columns of the rows appended so far. */
  ColumnData[] keyContents() {
    ColumnData[] out = new ColumnData[keys.count()];
    for (int k = 0; k < out.length; k++) {
      out[k] = keys.column(k) >= 0 ? columns[keys.column(k)].build() : computedKeys[k].build();
    }
    return out;
  }

  /** Row hashes, {@link #rows()} of them valid. */
  long[] hashes() {
    return hashes;
  }

  /**
   * Builds the index; afterwards the table is read-only but for matched flags.
   *
   * @param trackMatches whether to keep a matched flag per row
   */
  void finish(boolean trackMatches) {
    data = new ColumnData[columns.length];
    for (int c = 0; c < columns.length; c++) {
      data[c] = columns[c].build();
    }
    keyData = rows == 0 ? null : keyContents();
    int bits = Math.max(1, 64 - Long.numberOfLeadingZeros(Math.max(1L, 2L * rows - 1)));
    heads = new int[1 << bits];
    Arrays.fill(heads, -1);
    shift = 64 - bits;
    next = new int[rows];
    boolean[] nullKeys = rows == 0 ? null : JoinKeys.nullRows(keyData, rows);
    for (int row = 0; row < rows; row++) {
      if (nullKeys != null && nullKeys[row]) {
        next[row] = -1;
        continue;
      }
      int slot = (int) (hashes[row] >>> shift);
      next[row] = heads[slot];
      heads[slot] = row;
    }
    matched = trackMatches ? new boolean[rows] : null;
  }

  /** The last row of the chain of {@code hash}'s slot, or -1. */
  int head(long hash) {
    return heads[(int) (hash >>> shift)];
  }

  /** Per row, the previous row of its chain, or -1. */
  int[] next() {
    return next;
  }

  /** Build column {@code c}. */
  ColumnData column(int c) {
    return data[c];
  }

  int columnCount() {
    return columns.length;
  }

  /** Key {@code k}'s column over all rows (not for a table without rows). */
  ColumnData keyColumn(int k) {
    return keyData[k];
  }

  /** Per row, whether it matched a probe row so far; null unless tracked. */
  boolean[] matched() {
    return matched;
  }
}
