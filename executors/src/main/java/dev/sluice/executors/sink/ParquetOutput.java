package dev.sluice.executors.sink;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.VectorBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Writes rows as Parquet files: buffers each output directory's batches in Arrow memory and writes
 * them as one file when the task finishes, or earlier when all buffers together pass
 * {@code flushBytes} (then the largest directory's rows go to a file of their own, and that
 * directory's later rows to another file), so a task holds at most about {@code flushBytes} of
 * rows whatever its size.
 */
final class ParquetOutput implements FileOutput {
  private final StagingFiles files;
  private final BufferAllocator allocator;
  private final Path scratch;
  private final long flushBytes;
  private final String taskName;
  private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
  private long bufferedBytes;

  /** The batches of one directory not yet written, all of one schema. */
  private static final class Pending {
    private final List<Batch> batches = new ArrayList<>();
    private long bytes;
  }

  ParquetOutput(StagingFiles files, BufferAllocator allocator, Path scratch, long flushBytes, String taskName) {
    this.files = files;
    this.allocator = allocator;
    this.scratch = scratch;
    this.flushBytes = flushBytes;
    this.taskName = taskName;
  }

  @Override
  public void append(String directory, VectorBatch rows) {
    append(directory, ArrowColumns.write(rows, allocator));
  }

  @Override
  public void append(String directory, Batch batch) {
    if (batch.rowCount() == 0) {
      batch.close();
      return;
    }
    Pending rows = pending.get(directory);
    if (rows != null && !rows.batches.get(0).arrowSchema().getFields().equals(batch.arrowSchema().getFields())) {
      write(directory);
      rows = null;
    }
    if (rows == null) {
      rows = new Pending();
      pending.put(directory, rows);
    }
    long size = batch.sizeInBytes();
    rows.batches.add(batch);
    rows.bytes += size;
    bufferedBytes += size;
    while (bufferedBytes > flushBytes && !pending.isEmpty()) {
      write(largest());
    }
  }

  private String largest() {
    String largest = null;
    long bytes = -1;
    for (Map.Entry<String, Pending> entry : pending.entrySet()) {
      if (entry.getValue().bytes > bytes) {
        largest = entry.getKey();
        bytes = entry.getValue().bytes;
      }
    }
    return largest;
  }

  private void write(String directory) {
    Pending rows = pending.remove(directory);
    bufferedBytes -= rows.bytes;
    ParquetFileWriter.write(rows.batches, rows.batches.get(0).arrowSchema(), files.newFile(directory), scratch,
        allocator, taskName + "/parquet-writer");
  }

  @Override
  public void finish() {
    while (!pending.isEmpty()) {
      write(pending.keySet().iterator().next());
    }
  }

  @Override
  public void close() {
    Iterator<Pending> rows = pending.values().iterator();
    while (rows.hasNext()) {
      rows.next().batches.forEach(Batch::close);
      rows.remove();
    }
    bufferedBytes = 0;
  }
}
