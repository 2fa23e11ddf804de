package dev.sluice.executors.spill;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.batch.BatchCodec;
import dev.sluice.engine.encoding.RowBatchWriter;
import dev.sluice.engine.exec.OperatorContext;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Writes row objects into a {@link SpillFile}: rows are encoded into batches of {@code batchRows}
 * rows (as {@link RowBatchWriter} does, so rows of any class round-trip), and each batch is appended
 * as a length-prefixed Arrow IPC stream ({@link BatchCodec}) and freed at once. At most one batch
 * of rows is held at a time.
 *
 * <p>Protocol: {@link #write} any number of times, then {@link #finish()}; {@link #close()} without
 * {@code finish()} abandons the rows not yet written (the caller then deletes the file).
 */
public final class SpillWriter implements AutoCloseable {
  /** The file written. */
  private final SpillFile file;
  /** Where the staging batches are allocated. */
  private final BufferAllocator allocator;
  /** Collects rows into batches. */
  private final RowBatchWriter rows;
  /** The open file, or null once finished or closed. */
  private OutputStream out;
  /** Rows written so far. */
  private long rowCount;
  /** Bytes written so far. */
  private long bytes;

  SpillWriter(SpillFile file, Class<?> rowClass, OperatorContext context) {
    this.file = file;
    this.allocator = context.allocator();
    this.rows = new RowBatchWriter(rowClass, context.batchRows(), allocator);
    try {
      this.out = new BufferedOutputStream(Files.newOutputStream(file.path()), 1 << 16);
    } catch (IOException e) {
      throw file.failure("open", e);
    }
  }

  /** Appends a row (which may be null). */
  public void write(Object row) {
    if (out == null) {
      throw new IllegalStateException("Cannot write to " + file + ": the writer is finished or closed");
    }
    rowCount++;
    if (rows.add(row)) {
      writeBatch();
    }
  }

  /** Writes the last rows and closes the file; returns the bytes written. */
  public long finish() {
    writeBatch();
    try {
      out.close();
    } catch (IOException e) {
      throw file.failure("write", e);
    } finally {
      out = null;
    }
    return bytes;
  }

  private void writeBatch() {
    try (Batch batch = rows.flush()) {
      if (batch != null) {
        byte[] encoded = BatchCodec.encode(List.of(batch), allocator);
        out.write(encoded);
        bytes += encoded.length;
      }
    } catch (IOException e) {
      throw file.failure("write", e);
    }
  }

  public long rowCount() {
    return rowCount;
  }

  public long bytes() {
    return bytes;
  }

  @Override
  public void close() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        // an abandoned file is deleted by its owner
      }
      out = null;
    }
  }
}
