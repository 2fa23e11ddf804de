package dev.sluice.executors.shuffle;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.vector.VectorBatch;

/** Decides the shuffle partition of every row of a columnar batch. */
public interface ColumnarPartitioner {
  /** The partition of each row of {@code batch}, {@code batch.rowCount()} entries. */
  int[] partitionsOf(VectorBatch batch);

  /**
   * The partition of each row of the Arrow {@code batch}, which {@code columns} holds as read; by
   * default from the columns. A partitioner that hands the Arrow batch itself to the GPU overrides it.
   *
   * @param batch the input batch as it arrived (the caller keeps ownership)
   * @param columns the same rows, read into columns
   */
  default int[] partitionsOf(Batch batch, VectorBatch columns) {
    return partitionsOf(columns);
  }
}
