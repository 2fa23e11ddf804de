package dev.sluice.executors.sink;

import dev.sluice.engine.batch.Batch;
import java.util.ArrayDeque;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An {@link ArrowReader} over batches already in memory, for arrow-dataset's native writer. Each
 * batch is moved into the reader's root when loaded (its buffers change owner to the reader's
 * allocator) and closed; batches never loaded are closed with the reader.
 *
 * <p>The native writer closes the reader when it releases the exported stream, possibly on one of
 * its own threads after the write returned, so {@link #close()} is idempotent and synchronized.
 */
final class BatchListReader extends ArrowReader {
  private final Schema schema;
  private final ArrayDeque<Batch> batches;
  private long bytesRead;
  private boolean closed;

  /** Takes ownership of {@code batches}, which all have {@code schema}. */
  BatchListReader(BufferAllocator allocator, Schema schema, List<Batch> batches) {
    super(allocator);
    this.schema = schema;
    this.batches = new ArrayDeque<>(batches);
  }

  @Override
  public synchronized boolean loadNextBatch() throws java.io.IOException {
    prepareLoadNextBatch();
    Batch batch = batches.poll();
    if (batch == null) {
      return false;
    }
    try (batch) {
      bytesRead += batch.sizeInBytes();
      ArrowRecordBatch record = new VectorUnloader(batch.root()).getRecordBatch();
      loadRecordBatch(record);
    }
    return true;
  }

  @Override
  public synchronized long bytesRead() {
    return bytesRead;
  }

  @Override
  public synchronized void close() throws java.io.IOException {
    if (!closed) {
      closed = true;
      super.close();
    }
  }

  /** Whether the reader was closed (by the native writer or by {@link #close()}). */
  synchronized boolean isClosed() {
    return closed;
  }

  @Override
  protected synchronized void closeReadSource() {
    for (Batch batch = batches.poll(); batch != null; batch = batches.poll()) {
      batch.close();
    }
  }

  @Override
  protected Schema readSchema() {
    return schema;
  }
}
