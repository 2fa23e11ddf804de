package dev.sluice.engine.encoding;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.batch.Batch;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Collects row objects and encodes them into batches of at most {@code batchSize} rows. The
 * encoder is chosen per batch (see {@link Encoders#choose}), so rows of any class round-trip.
 */
public final class RowBatchWriter {
  private final Class<?> hint;
  private final BufferAllocator allocator;
  private final Object[] rows;
  private int count;

  /**
   * @param hint the expected row class, or null when unknown
   * @param batchSize the most rows per batch
   * @param allocator where the batches' buffers are allocated
   */
  public RowBatchWriter(Class<?> hint, int batchSize, BufferAllocator allocator) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
    this.hint = hint;
    this.allocator = requireNonNull(allocator, "allocator is null");
    this.rows = new Object[batchSize];
  }

  /** Adds a row; returns true when the batch is full and {@link #flush()} should be called. */
  public boolean add(Object row) {
    rows[count++] = row;
    return count == rows.length;
  }

  public boolean isEmpty() {
    return count == 0;
  }

  /** Encodes the collected rows into a batch owned by the caller, or returns null if none. */
  public Batch flush() {
    if (count == 0) {
      return null;
    }
    RowEncoder encoder = Encoders.choose(hint, rows, count);
    Batch batch = encoder.encode(rows, count, allocator);
    java.util.Arrays.fill(rows, 0, count, null);
    count = 0;
    return batch;
  }
}
