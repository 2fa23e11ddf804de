package dev.sluice.executors.columnar;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.vector.ColumnData;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The rows the columnar sort holds in memory: copied out of the input's Arrow batches into a
 * {@link RowStore} (row-major, off-heap; the input batch is freed at once), with their sort keys
 * in one {@link SortKeyColumns}. {@link #drainSorted} sorts the row indices ({@link IndexSort}) and
 * hands the rows out in order as new Arrow batches gathered from the store.
 */
final class SortBuffer implements AutoCloseable {
  /** Heap bytes per row while sorting: the order array, ranks and radix scratch. */
  static final long SORT_BYTES_PER_ROW = 24;

  /** Where the rows and output batches are allocated. */
  private final BufferAllocator allocator;
  /** Rows per output batch. */
  private final int batchRows;
  /** The key values of all buffered rows, in buffer order. */
  private final SortKeyColumns keyColumns;
  /** The buffered rows, created with the first batch (it takes the batch's layout). */
  private RowStore store;

  SortBuffer(List<SortKey> keys, BufferAllocator allocator, int batchRows) {
    this.allocator = requireNonNull(allocator, "allocator is null");
    this.batchRows = batchRows;
    this.keyColumns = new SortKeyColumns(requireNonNull(keys, "keys is null"));
  }

  /** Copies a non-empty batch's rows and takes its evaluated sort keys; closes the batch. */
  void add(Batch batch, List<ColumnData> keyData) {
    add(batch, keyData, null, batch.rowCount());
  }

  /**
   * Copies rows {@code selection[0, count)} of a batch (all its rows when {@code selection} is
   * null) with their sort keys (evaluated over the whole batch); closes the batch.
   */
  void add(Batch batch, List<ColumnData> keyData, int[] selection, int count) {
    try (batch) {
      if (store == null) {
        store = new RowStore(batch.root(), allocator);
      } else if (!store.accepts(batch.root())) {
        throw new EngineException(ErrorCode.INTERNAL, "ColumnarSort got batches of different layouts: "
            + batch.arrowSchema() + " after rows of another; this is a bug");
      }
      if (selection == null) {
        keyColumns.append(keyData, count);
      } else {
        List<ColumnData> selected = new ArrayList<>(keyData.size());
        for (ColumnData column : keyData) {
          selected.add(column.gather(selection, count));
        }
        keyColumns.append(selected, count);
      }
      store.append(batch, selection, count);
    }
  }

  int rows() {
    return store == null ? 0 : store.rows();
  }

  /** Whether the row store can take about {@code moreBytes} more (it addresses about 2 GiB). */
  boolean hasRoomFor(long moreBytes) {
    return store == null || store.hasRoomFor(moreBytes);
  }

  /** What the buffer holds, and what sorting it will take, in bytes. */
  long bytesHeld() {
    return store == null ? 0 : store.bytesHeld() + keyColumns.bytesHeld() + SORT_BYTES_PER_ROW * store.rows();
  }

  /**
   * Sorts the buffered rows and returns the first {@code limit} (all if negative) in order, as
   * batches of {@code batchRows} rows; the buffer is empty afterwards, its rows now owned by the
   * returned source.
   */
  SortedBatches drainSorted(long limit) {
    int rows = rows();
    int[] order = IndexSort.sort(keyColumns);
    int count = limit < 0 ? rows : (int) Math.min(limit, rows);
    keyColumns.clear();
    RowStore rowsOut = store;
    store = null;
    return new Drain(rowsOut, order, count);
  }

  @Override
  public void close() {
    keyColumns.clear();
    if (store != null) {
      store.close();
      store = null;
    }
  }

  /** The sorted rows, gathered a batch at a time. */
  private final class Drain implements SortedBatches {
    /** The rows; null when there are none or once closed. */
    private RowStore rows;
    /** Row indices in sorted order. */
    private final int[] order;
    /** How many rows are handed out in all. */
    private final int count;
    /** The next position in {@link #order}. */
    private int position;

    Drain(RowStore rows, int[] order, int count) {
      this.rows = rows;
      this.order = order;
      this.count = count;
    }

    @Override
    public Batch next() {
      if (position >= count) {
        close();
        return null;
      }
      int size = Math.min(batchRows, count - position);
      Batch out = rows.gather(order, position, size);
      position += size;
      return out;
    }

    @Override
    public void close() {
      position = count;
      if (rows != null) {
        rows.close();
        rows = null;
      }
    }
  }
}
