package dev.sluice.executors.columnar;

import dev.sluice.engine.batch.Batch;

/**
 * A sorted sequence of batches, one at a time: a spilled run read back, or the sorted in-memory
 * buffer. Each batch returned is owned by the caller.
 */
interface SortedBatches extends AutoCloseable {
  /** The next batch (owned by the caller), or null at the end. */
  Batch next();

  /** Frees what is left; may be called before the end and more than once. */
  @Override
  void close();
}
