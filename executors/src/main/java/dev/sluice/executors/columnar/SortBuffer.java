package dev.sluice.executors.columnar;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.vector.ColumnData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The rows the columnar sort holds in memory: the input's Arrow batches as they came (never
 * copied) and their sort keys in one {@link SortKeyColumns}. {@link #drainSorted} sorts the row
 * indices and hands the rows out in order as new batches gathered from the buffered ones, freeing
 * each buffered batch as soon as all its rows are out.
 */
final class SortBuffer implements AutoCloseable {
  /** Heap bytes per row while sorting: the order and batch-of-row arrays, ranks and radix scratch. */
  static final long SORT_BYTES_PER_ROW = 24;

  /** Where output batches are allocated. */
  private final BufferAllocator allocator;
  /** Rows per output batch. */
  private final int batchRows;
  /** The buffered batches, owned. */
  private final List<Batch> batches = new ArrayList<>();
  /** The key values of all buffered rows, in buffer order. */
  private final SortKeyColumns keyColumns;
  /** Bytes of the buffered Arrow batches. */
  private long arrowBytes;
  /** Rows buffered. */
  private int rows;

  SortBuffer(List<SortKey> keys, BufferAllocator allocator, int batchRows) {
    this.allocator = requireNonNull(allocator, "allocator is null");
    this.batchRows = batchRows;
    this.keyColumns = new SortKeyColumns(requireNonNull(keys, "keys is null"));
  }

  /** Takes ownership of a non-empty batch and its evaluated sort keys. */
  void add(Batch batch, List<ColumnData> keyData) {
    int count = batch.rowCount();
    try {
      keyColumns.append(keyData, count);
    } catch (RuntimeException e) {
      batch.close();
      throw e;
    }
    batches.add(batch);
    arrowBytes += batch.sizeInBytes();
    rows += count;
  }

  int rows() {
    return rows;
  }

  /** What the buffer holds, and what sorting it will take, in bytes. */
  long bytesHeld() {
    return arrowBytes + keyColumns.bytesHeld() + SORT_BYTES_PER_ROW * rows;
  }

  /**
   * Sorts the buffered rows and returns the first {@code limit} (all if negative) in order, as
   * batches of {@code batchRows} rows; the buffer is empty afterwards, its batches now owned by
   * the returned source.
   */
  SortedBatches drainSorted(long limit) {
    int[] order = IndexSort.sort(keyColumns);
    int count = limit < 0 ? rows : (int) Math.min(limit, rows);
    ArrowGather.Source[] sources = new ArrowGather.Source[batches.size()];
    int[] batchOf = new int[rows];
    int[] starts = new int[batches.size()];
    int start = 0;
    for (int b = 0; b < batches.size(); b++) {
      sources[b] = new ArrowGather.Source(batches.get(b));
      starts[b] = start;
      int end = start + batches.get(b).rowCount();
      Arrays.fill(batchOf, start, end, b);
      start = end;
    }
    int[] remaining = new int[batches.size()];
    for (int i = 0; i < count; i++) {
      remaining[batchOf[order[i]]]++;
    }
    for (int b = 0; b < sources.length; b++) {
      if (remaining[b] == 0) {
        sources[b].batch.close();
        sources[b] = null;
      }
    }
    batches.clear();
    keyColumns.clear();
    arrowBytes = 0;
    rows = 0;
    return new Drain(sources, order, batchOf, starts, remaining, count);
  }

  @Override
  public void close() {
    batches.forEach(Batch::close);
    batches.clear();
    keyColumns.clear();
    arrowBytes = 0;
    rows = 0;
  }

  /** The sorted rows, gathered a batch at a time. */
  private final class Drain implements SortedBatches {
    /** The buffered batches; an entry is nulled (and its batch closed) once all its rows are out. */
    private final ArrowGather.Source[] sources;
    /** Row indices in sorted order. */
    private final int[] order;
    /** The batch of each row index. */
    private final int[] batchOf;
    /** The first row index of each batch. */
    private final int[] starts;
    /** Per batch: how many of its rows are still to be handed out. */
    private final int[] remaining;
    /** How many rows are handed out in all. */
    private final int count;
    /** The next position in {@link #order}. */
    private int position;
    /** Per output row: source batch and row in it. */
    private final int[] sourceOf;
    private final int[] rowOf;

    Drain(ArrowGather.Source[] sources, int[] order, int[] batchOf, int[] starts, int[] remaining, int count) {
      this.sources = sources;
      this.order = order;
      this.batchOf = batchOf;
      this.starts = starts;
      this.remaining = remaining;
      this.count = count;
      int chunk = Math.min(batchRows, Math.max(1, count));
      this.sourceOf = new int[chunk];
      this.rowOf = new int[chunk];
    }

    @Override
    public Batch next() {
      if (position >= count) {
        return null;
      }
      int size = Math.min(sourceOf.length, count - position);
      for (int i = 0; i < size; i++) {
        int row = order[position + i];
        int batch = batchOf[row];
        sourceOf[i] = batch;
        rowOf[i] = row - starts[batch];
      }
      Batch out = ArrowGather.gather(sources, sourceOf, rowOf, size, allocator);
      position += size;
      for (int i = 0; i < size; i++) {
        int batch = sourceOf[i];
        if (--remaining[batch] == 0) {
          sources[batch].batch.close();
          sources[batch] = null;
        }
      }
      return out;
    }

    @Override
    public void close() {
      position = count;
      for (int b = 0; b < sources.length; b++) {
        if (sources[b] != null) {
          sources[b].batch.close();
          sources[b] = null;
        }
      }
    }
  }
}
