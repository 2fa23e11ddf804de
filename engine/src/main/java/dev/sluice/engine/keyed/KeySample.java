package dev.sluice.engine.keyed;

import java.util.List;

/**
 * What one partition reports for range partitioning: its row count and a uniform sample of its
 * sort keys.
 *
 * @param rows rows in the partition
 * @param keys up to the requested number of keys, sampled uniformly (a plain list: Kryo cannot
 *     read back unmodifiable JDK lists)
 */
public record KeySample(long rows, List<Object> keys) {
  public KeySample {
    keys = new java.util.ArrayList<>(keys);
  }
}
