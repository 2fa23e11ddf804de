package dev.sluice.executors.sink;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.vector.VectorBatch;

/**
 * The format half of {@link FileWriteSink}: takes the rows of each output directory and writes
 * them into files it names through {@link StagingFiles}.
 */
interface FileOutput extends AutoCloseable {
  /** Adds rows for the relative directory {@code directory}. */
  void append(String directory, VectorBatch rows);

  /** Adds a whole batch (owned by this output from now on) for {@code directory}. */
  void append(String directory, Batch batch);

  /** Writes out everything still buffered and closes every file. */
  void finish();

  /** Frees buffers and closes files without finishing them (the task failed). */
  @Override
  void close();
}
