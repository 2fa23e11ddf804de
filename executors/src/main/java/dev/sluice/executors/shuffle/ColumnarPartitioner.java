package dev.sluice.executors.shuffle;

import dev.sluice.engine.vector.VectorBatch;

/** Decides the shuffle partition of every row of a columnar batch. */
public interface ColumnarPartitioner {
  /** The partition of each row of {@code batch}, {@code batch.rowCount()} entries. */
  int[] partitionsOf(VectorBatch batch);
}
