package dev.sluice.executors.shuffle;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.plan.physical.Partitioning;
import dev.sluice.engine.vector.VectorBatch;

/**
 * Range partitioning of columnar rows by sort keys ({@link Partitioning.RangeColumns}). NOT BUILT
 * YET: placeholder so that {@link ColumnarPartitioners} compiles; the sort work provides it.
 */
public final class RangeColumnsPartitioner implements ColumnarPartitioner {
  public RangeColumnsPartitioner(Partitioning.RangeColumns range) {
    requireNonNull(range, "range is null");
  }

  @Override
  public int[] partitionsOf(VectorBatch batch) {
    throw new UnsupportedOperationException("RangeColumnsPartitioner is not built yet");
  }
}
