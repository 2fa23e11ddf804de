package dev.sluice.engine.keyed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses the bounds of a range partitioning from per-partition key samples, as Spark's
 * RangePartitioner does: every sampled key stands for {@code rows / sampleSize} rows of its
 * partition, and bounds are placed at equal steps of that weight, so skewed input partitions still
 * give balanced output partitions. Bounds are distinct; with few distinct keys there are fewer.
 */
public final class RangeBounds {
  private RangeBounds() {}

  /** At most {@code partitions - 1} increasing (in {@code order}) bounds. */
  public static List<Object> choose(List<KeySample> samples, int partitions, KeyOrder order) {
    record Weighted(Object key, double weight) {}
    List<Weighted> weighted = new ArrayList<>();
    double total = 0;
    for (KeySample sample : samples) {
      if (sample.keys().isEmpty()) {
        continue;
      }
      double weight = (double) sample.rows() / sample.keys().size();
      for (Object key : sample.keys()) {
        weighted.add(new Weighted(key, weight));
        total += weight;
      }
    }
    List<Object> bounds = new ArrayList<>();
    if (weighted.isEmpty() || partitions < 2) {
      return bounds;
    }
    weighted.sort(Comparator.comparing(Weighted::key, order));
    double step = total / partitions;
    double cumulative = 0;
    double target = step;
    Object previous = null;
    for (Weighted entry : weighted) {
      cumulative += entry.weight();
      if (cumulative >= target && bounds.size() < partitions - 1) {
        if (bounds.isEmpty() || order.compare(entry.key(), previous) > 0) {
          bounds.add(entry.key());
          previous = entry.key();
        }
        target += step;
      }
    }
    return bounds;
  }
}
