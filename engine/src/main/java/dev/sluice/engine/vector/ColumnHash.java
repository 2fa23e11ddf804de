package dev.sluice.engine.vector;

import java.util.List;

/**
 * The hash of key columns used for partitioning, hash aggregation and hash joins: the same on
 * every JVM and, bit for bit, on the GPU. PLACEHOLDER: to be built.
 */
public final class ColumnHash {
  private ColumnHash() {}

  /** One 64-bit hash per row of the key columns (all of {@code rows} rows). */
  public static long[] hash(List<ColumnData> keys, int rows) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** The partition of a hash among {@code partitions}. */
  public static int partition(long hash, int partitions) {
    throw new UnsupportedOperationException("not built yet");
  }
}
