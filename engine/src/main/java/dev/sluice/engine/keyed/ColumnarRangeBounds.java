package dev.sluice.engine.keyed;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.expr.SortKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the bounds of a columnar range partitioning ({@code Partitioning.RangeColumns}) from
 * per-partition samples of key tuples, as {@link RangeBounds} does for typed keys (and Spark's
 * RangePartitioner): every sampled tuple stands for {@code rows / sampleSize} rows of its
 * partition, and bounds are placed at equal steps of that weight, so skewed input partitions still
 * give balanced output partitions. Tuples are ordered by {@link KeyTupleOrder}. Bounds are distinct
 * and increasing; with few distinct tuples there are fewer than {@code partitions - 1}.
 */
public final class ColumnarRangeBounds {
  private ColumnarRangeBounds() {}

  /**
   * At most {@code partitions - 1} increasing bounds.
   *
   * @param samples one per input partition; each key is a tuple ({@code List<Object>}) of the
   *     keys' values as {@code Literal} holds them
   * @param partitions how many output partitions
   * @param keys the sort keys the tuples were sampled for
   */
  public static List<List<Object>> choose(List<KeySample> samples, int partitions, List<SortKey> keys) {
    requireNonNull(samples, "samples is null");
    requireNonNull(keys, "keys is null");
    KeyTupleOrder order = new KeyTupleOrder(keys);
    record Weighted(List<Object> tuple, double weight) {}
    List<Weighted> weighted = new ArrayList<>();
    double total = 0;
    for (KeySample sample : samples) {
      if (sample.keys().isEmpty()) {
        continue;
      }
      double weight = (double) sample.rows() / sample.keys().size();
      for (Object key : sample.keys()) {
        @SuppressWarnings("unchecked")
        List<Object> tuple = (List<Object>) key;
        if (tuple.size() != keys.size()) {
          throw new IllegalArgumentException("a sampled tuple has " + tuple.size() + " values, expected "
              + keys.size() + " (one per sort key)");
        }
        weighted.add(new Weighted(tuple, weight));
        total += weight;
      }
    }
    List<List<Object>> bounds = new ArrayList<>();
    if (weighted.isEmpty() || partitions < 2) {
      return bounds;
    }
    weighted.sort((left, right) -> order.compare(left.tuple(), right.tuple()));
    double step = total / partitions;
    double cumulative = 0;
    double target = step;
    List<Object> previous = null;
    for (Weighted entry : weighted) {
      cumulative += entry.weight();
      if (cumulative >= target && bounds.size() < partitions - 1) {
        if (previous == null || order.compare(entry.tuple(), previous) > 0) {
          bounds.add(new ArrayList<>(entry.tuple()));
          previous = entry.tuple();
        }
        target += step;
      }
    }
    return bounds;
  }
}
