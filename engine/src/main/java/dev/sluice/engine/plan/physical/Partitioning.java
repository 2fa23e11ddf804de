package dev.sluice.engine.plan.physical;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.function.MapFunction;
import dev.sluice.engine.keyed.KeyOrder;
import dev.sluice.engine.plan.FunctionNames;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How an exchange distributes rows over the partitions of the next stage. Each map task asks its
 * exchange's partitioning for the partition of every row.
 */
public sealed interface Partitioning
    permits Partitioning.Hash,
        Partitioning.Range,
        Partitioning.RoundRobin,
        Partitioning.Single,
        Partitioning.HashColumns,
        Partitioning.RangeColumns,
        Partitioning.Broadcast {

  /** How many partitions the next stage has. */
  int partitions();

  String describe();

  /**
   * By {@code Objects.hashCode(key)} modulo the partition count (null keys go to partition 0), as
   * Spark's HashPartitioner. The same key always lands in the same partition, in every JVM, as
   * long as its {@code hashCode} is stable (strings, boxed numbers, records of those).
   *
   * @param partitions how many partitions
   * @param key extracts the key of a row
   */
  record Hash(int partitions, MapFunction<Object, Object> key) implements Partitioning {
    public Hash {
      requirePositive(partitions);
      requireNonNull(key, "key is null");
    }

    /** The partition of a key. */
    public int partitionOf(Object keyValue) {
      return Math.floorMod(Objects.hashCode(keyValue), partitions);
    }

    @Override
    public String describe() {
      return "hash(" + FunctionNames.of(key) + ", " + partitions + ")";
    }
  }

  /**
   * By ranges of the key: partition {@code i} holds keys between {@code bounds[i-1]} and {@code
   * bounds[i]} in {@code order}. The bounds come from a sample of the keys taken by a job that runs
   * before the sort's job; until then they are null.
   *
   * @param partitions how many partitions
   * @param key extracts the sort key of a row
   * @param order the key order
   * @param bounds {@code partitions - 1} upper bounds (or fewer, when there are few distinct keys),
   *     or null until sampled
   */
  record Range(int partitions, MapFunction<Object, Object> key, KeyOrder order, List<Object> bounds)
      implements Partitioning {
    public Range {
      requirePositive(partitions);
      requireNonNull(key, "key is null");
      requireNonNull(order, "order is null");
      bounds = bounds == null ? null : Arrays.asList(bounds.toArray());
    }

    /** The partition of a key: the first range whose upper bound is not below it. */
    public int partitionOf(Object keyValue) {
      int low = 0;
      int high = bounds.size();
      while (low < high) {
        int middle = (low + high) >>> 1;
        if (order.compare(bounds.get(middle), keyValue) < 0) {
          low = middle + 1;
        } else {
          high = middle;
        }
      }
      return low;
    }

    public Range withBounds(List<Object> sampled) {
      return new Range(partitions, key, order, sampled);
    }

    @Override
    public String describe() {
      return "range(" + FunctionNames.of(key) + (order.ascending() ? " asc" : " desc") + ", " + partitions
          + (bounds == null ? ", bounds to sample" : ", " + bounds.size() + " bounds") + ")";
    }
  }

  /**
   * Row after row over all partitions, each map task starting at a different partition, so that
   * the partitions end up equally full.
   *
   * @param partitions how many partitions
   */
  record RoundRobin(int partitions) implements Partitioning {
    public RoundRobin {
      requirePositive(partitions);
    }

    @Override
    public String describe() {
      return "round-robin(" + partitions + ")";
    }
  }

  /** Everything into one partition. */
  record Single() implements Partitioning {
    @Override
    public int partitions() {
      return 1;
    }

    @Override
    public String describe() {
      return "single";
    }
  }

  /**
   * Columnar rows by the hash of key columns ({@code dev.sluice.engine.vector.ColumnHash}, the same
   * function on every JVM and on the GPU), modulo the partition count. Both sides of a shuffled
   * join use it with keys of the same types, so equal keys meet in the same partition.
   *
   * @param partitions how many partitions
   * @param keys resolved key expressions over the exchanged columns
   */
  record HashColumns(int partitions, List<Expression> keys) implements Partitioning {
    public HashColumns {
      requirePositive(partitions);
      keys = List.copyOf(requireNonNull(keys, "keys is null"));
    }

    @Override
    public String describe() {
      return "hash(" + String.join(", ", keys.stream().map(Expression::sql).toList()) + ", " + partitions + ")";
    }
  }

  /**
   * Columnar rows by ranges of sort keys, for a global {@code orderBy}: partition {@code i} holds
   * the rows between {@code bounds[i-1]} (exclusive) and {@code bounds[i]} (inclusive) in the
   * keys' order. Bounds are key tuples (values as {@code Literal} holds them) sampled by a job
   * that runs first; null until then.
   *
   * @param partitions how many partitions
   * @param keys resolved sort keys over the exchanged columns
   * @param bounds up to {@code partitions - 1} key tuples in order, or null until sampled
   */
  record RangeColumns(int partitions, List<SortKey> keys, List<List<Object>> bounds) implements Partitioning {
    public RangeColumns {
      requirePositive(partitions);
      keys = List.copyOf(requireNonNull(keys, "keys is null"));
      bounds = bounds == null ? null : bounds.stream().map(b -> Arrays.asList(b.toArray())).toList();
    }

    public RangeColumns withBounds(List<List<Object>> sampled) {
      return new RangeColumns(partitions, keys, sampled);
    }

    @Override
    public String describe() {
      return "range(" + String.join(", ", keys.stream().map(SortKey::sql).toList()) + ", " + partitions
          + (bounds == null ? ", bounds to sample" : ", " + bounds.size() + " bounds") + ")";
    }
  }

  /**
   * Every row to every one of {@code partitions} readers (a broadcast hash join's build side): map
   * tasks write all their rows as partition 0, and every reduce partition reads partition 0 of
   * every map output.
   *
   * @param partitions how many partitions read it
   */
  record Broadcast(int partitions) implements Partitioning {
    public Broadcast {
      requirePositive(partitions);
    }

    @Override
    public String describe() {
      return "broadcast(" + partitions + ")";
    }
  }

  private static void requirePositive(int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
    }
  }
}
