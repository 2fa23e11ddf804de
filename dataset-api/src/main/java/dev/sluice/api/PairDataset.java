package dev.sluice.api;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.function.CombineFunction;
import dev.sluice.engine.function.FilterFunction;
import dev.sluice.engine.function.FlatMapFunction;
import dev.sluice.engine.function.MapFunction;
import dev.sluice.engine.function.ReduceFunction;
import dev.sluice.engine.keyed.Aggregator;
import dev.sluice.engine.keyed.KeyOrder;
import dev.sluice.engine.keyed.Pair;
import dev.sluice.engine.plan.CoGroupNode;
import dev.sluice.engine.plan.CombineByKeyNode;
import dev.sluice.engine.plan.LogicalPlan;
import dev.sluice.engine.plan.MapNode;
import dev.sluice.engine.plan.Origin;
import dev.sluice.engine.plan.PartitionByNode;
import dev.sluice.engine.plan.SortNode;
import dev.sluice.engine.serde.ClosureChecker;
import dev.sluice.engine.serde.KryoSerde;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dataset of key/value {@link Pair}s with the keyed operations of Spark's {@code JavaPairRDD}.
 * Wide operations shuffle by the key's hash into the given number of partitions (by default as
 * many as the input has, the largest input's for joins). Keys are compared with {@code equals}; a
 * null key is a key like any other (all null keys group and join together).
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class PairDataset<K, V> {
  private final Dataset<Pair<K, V>> pairs;

  PairDataset(Dataset<Pair<K, V>> pairs) {
    this.pairs = requireNonNull(pairs, "pairs is null");
  }

  private Sluice session() {
    return pairs.session();
  }

  private LogicalPlan plan() {
    return pairs.logicalPlan();
  }

  /** The same pairs as a plain dataset of {@link Pair} rows. */
  public Dataset<Pair<K, V>> asDataset() {
    return pairs;
  }

  public int getNumPartitions() {
    return pairs.getNumPartitions();
  }

  // ---- aggregation by key ----

  /**
   * The general keyed aggregation: the first value of a key becomes {@code createCombiner(v)}, later
   * ones are added with {@code mergeValue}, and accumulators from different partitions are merged
   * with {@code mergeCombiners}; combined on the map side before the shuffle.
   */
  public <C> PairDataset<K, C> combineByKey(MapFunction<V, C> createCombiner, CombineFunction<C, V> mergeValue,
      ReduceFunction<C> mergeCombiners, int partitions) {
    return combine("combineByKey", createCombiner, mergeValue, mergeCombiners, partitions, true);
  }

  @SuppressWarnings("unchecked")
  private <C> PairDataset<K, C> combine(String operation, MapFunction<V, C> createCombiner,
      CombineFunction<C, V> mergeValue, ReduceFunction<C> mergeCombiners, int partitions, boolean mapSideCombine) {
    Origin origin = CallSite.of(operation);
    ClosureChecker.check(createCombiner, origin.toString());
    ClosureChecker.check(mergeValue, origin.toString());
    ClosureChecker.check(mergeCombiners, origin.toString());
    Sluice.requirePartitions(partitions, origin);
    Aggregator aggregator = new Aggregator((MapFunction<Object, Object>) (MapFunction<?, ?>) createCombiner,
        (CombineFunction<Object, Object>) (CombineFunction<?, ?>) mergeValue,
        (ReduceFunction<Object>) (ReduceFunction<?>) mergeCombiners);
    return wrap(new CombineByKeyNode(session().nextId(), origin, plan(), aggregator, partitions, mapSideCombine));
  }

  /** Merges the values of each key with an associative function, combining before the shuffle. */
  public PairDataset<K, V> reduceByKey(ReduceFunction<V> function) {
    return reduceByKey(function, getNumPartitions());
  }

  /** As {@link #reduceByKey(ReduceFunction)}, into {@code partitions} partitions. */
  public PairDataset<K, V> reduceByKey(ReduceFunction<V> function, int partitions) {
    MapFunction<V, V> identity = value -> value;
    CombineFunction<V, V> merge = function::call;
    return combine("reduceByKey", identity, merge, function, partitions, true);
  }

  /** Folds the values of each key starting from {@code zero} (a copy per key and partition). */
  public PairDataset<K, V> foldByKey(V zero, ReduceFunction<V> function) {
    return foldByKey(zero, function, getNumPartitions());
  }

  /** As {@link #foldByKey(Object, ReduceFunction)}, into {@code partitions} partitions. */
  public PairDataset<K, V> foldByKey(V zero, ReduceFunction<V> function, int partitions) {
    byte[] zeroBytes = KryoSerde.serialize(zero);
    MapFunction<V, V> first = value -> function.call(KryoSerde.<V>deserialize(zeroBytes), value);
    CombineFunction<V, V> merge = function::call;
    return combine("foldByKey", first, merge, function, partitions, true);
  }

  /**
   * Aggregates the values of each key into a {@code U}: {@code seq} adds a value to an accumulator
   * that starts as a copy of {@code zero}, {@code combine} merges accumulators.
   */
  public <U> PairDataset<K, U> aggregateByKey(U zero, CombineFunction<U, V> seq, ReduceFunction<U> combine) {
    return aggregateByKey(zero, seq, combine, getNumPartitions());
  }

  /** As {@link #aggregateByKey(Object, CombineFunction, ReduceFunction)}, into {@code partitions}. */
  public <U> PairDataset<K, U> aggregateByKey(U zero, CombineFunction<U, V> seq, ReduceFunction<U> combine,
      int partitions) {
    byte[] zeroBytes = KryoSerde.serialize(zero);
    MapFunction<V, U> first = value -> seq.call(KryoSerde.<U>deserialize(zeroBytes), value);
    return combine("aggregateByKey", first, seq, combine, partitions, true);
  }

  /** All values of each key, in no particular order (no map-side combine, as in Spark). */
  public PairDataset<K, List<V>> groupByKey() {
    return groupByKey(getNumPartitions());
  }

  /** As {@link #groupByKey()}, into {@code partitions} partitions. */
  public PairDataset<K, List<V>> groupByKey(int partitions) {
    MapFunction<V, List<V>> first = value -> {
      List<V> values = new ArrayList<>();
      values.add(value);
      return values;
    };
    CombineFunction<List<V>, V> add = (values, value) -> {
      values.add(value);
      return values;
    };
    ReduceFunction<List<V>> concat = (left, right) -> {
      left.addAll(right);
      return left;
    };
    return combine("groupByKey", first, add, concat, partitions, false);
  }

  /** The number of values of each key, as a map on the driver (insertion order: by first key seen). */
  public Map<K, Long> countByKey() {
    MapFunction<V, Long> one = value -> 1L;
    CombineFunction<Long, V> increment = (count, value) -> count + 1;
    ReduceFunction<Long> add = Long::sum;
    return combine("countByKey", one, increment, add, getNumPartitions(), true).collectAsMap();
  }

  // ---- per-value transformations ----

  /** Applies {@code function} to every value, keeping keys (and partitioning). */
  public <U> PairDataset<K, U> mapValues(MapFunction<V, U> function) {
    Origin origin = CallSite.of("mapValues");
    ClosureChecker.check(function, origin.toString());
    MapFunction<Pair<K, V>, Pair<K, U>> mapping = pair -> Pair.of(pair.key(), function.call(pair.value()));
    return wrap(new MapNode(session().nextId(), origin, plan(), mapping, Pair.class));
  }

  /** Replaces every value by the values {@code function} returns, each paired with the key. */
  public <U> PairDataset<K, U> flatMapValues(FlatMapFunction<V, U> function) {
    Origin origin = CallSite.of("flatMapValues");
    ClosureChecker.check(function, origin.toString());
    FlatMapFunction<Pair<K, V>, Pair<K, U>> expanding = pair -> {
      Iterator<U> values = function.call(pair.value());
      List<Pair<K, U>> out = new ArrayList<>();
      while (values != null && values.hasNext()) {
        out.add(Pair.of(pair.key(), values.next()));
      }
      return out.iterator();
    };
    return new PairDataset<>(pairs.flatMap(expanding, pairClass()));
  }

  /** Keeps the pairs for which {@code predicate} holds. */
  public PairDataset<K, V> filter(FilterFunction<Pair<K, V>> predicate) {
    return new PairDataset<>(pairs.filter(predicate));
  }

  /** The keys. */
  public Dataset<K> keys() {
    MapFunction<Pair<K, V>, K> key = Pair::key;
    return pairs.map(key);
  }

  /** The values. */
  public Dataset<V> values() {
    MapFunction<Pair<K, V>, V> value = Pair::value;
    return pairs.map(value);
  }

  /** The pairs of this dataset followed by those of {@code other}. */
  public PairDataset<K, V> union(PairDataset<K, V> other) {
    return new PairDataset<>(pairs.union(other.pairs));
  }

  /** Moves every pair to the partition of its key's hash. */
  public PairDataset<K, V> partitionBy(int partitions) {
    Origin origin = CallSite.of("partitionBy");
    Sluice.requirePartitions(partitions, origin);
    return wrap(new PartitionByNode(session().nextId(), origin, plan(), partitions));
  }

  /** Sorted by key, ascending, across partitions. */
  public PairDataset<K, V> sortByKey() {
    return sortByKey(true);
  }

  /** Sorted by key across partitions; nulls first ascending, last descending. */
  public PairDataset<K, V> sortByKey(boolean ascending) {
    return sortByKey(ascending, getNumPartitions());
  }

  /** As {@link #sortByKey(boolean)}, into {@code partitions} partitions. */
  public PairDataset<K, V> sortByKey(boolean ascending, int partitions) {
    Origin origin = CallSite.of("sortByKey");
    Sluice.requirePartitions(partitions, origin);
    MapFunction<Pair<K, V>, K> key = Pair::key;
    return wrap(new SortNode(session().nextId(), origin, plan(), key, new KeyOrder(ascending), partitions));
  }

  // ---- joins ----

  /** For each key, the values of this dataset and of {@code other}. */
  public <W> PairDataset<K, Pair<List<V>, List<W>>> cogroup(PairDataset<K, W> other) {
    return cogroup(other, Math.max(getNumPartitions(), other.getNumPartitions()));
  }

  /** As {@link #cogroup(PairDataset)}, into {@code partitions} partitions. */
  @SuppressWarnings("unchecked")
  public <W> PairDataset<K, Pair<List<V>, List<W>>> cogroup(PairDataset<K, W> other, int partitions) {
    Origin origin = CallSite.of("cogroup");
    session().checkOwns(other.pairs);
    Sluice.requirePartitions(partitions, origin);
    PairDataset<K, List<List<Object>>> grouped = wrap(new CoGroupNode(session().nextId(), origin,
        List.of(plan(), other.plan()), partitions));
    MapFunction<List<List<Object>>, Pair<List<V>, List<W>>> split =
        groups -> Pair.of((List<V>) (List<?>) groups.get(0), (List<W>) (List<?>) groups.get(1));
    return grouped.mapValues(split);
  }

  /** Inner join: a pair for every combination of values of keys present on both sides. */
  public <W> PairDataset<K, Pair<V, W>> join(PairDataset<K, W> other) {
    return join(other, Math.max(getNumPartitions(), other.getNumPartitions()));
  }

  /** As {@link #join(PairDataset)}, into {@code partitions} partitions. */
  public <W> PairDataset<K, Pair<V, W>> join(PairDataset<K, W> other, int partitions) {
    FlatMapFunction<Pair<List<V>, List<W>>, Pair<V, W>> combinations = groups -> {
      List<Pair<V, W>> out = new ArrayList<>();
      for (V left : groups.key()) {
        for (W right : groups.value()) {
          out.add(Pair.of(left, right));
        }
      }
      return out.iterator();
    };
    return cogroup(other, partitions).flatMapValues(combinations);
  }

  /** Left outer join: every value of this side, with each matching value or {@code Optional.empty()}. */
  public <W> PairDataset<K, Pair<V, Optional<W>>> leftOuterJoin(PairDataset<K, W> other) {
    return leftOuterJoin(other, Math.max(getNumPartitions(), other.getNumPartitions()));
  }

  /** As {@link #leftOuterJoin(PairDataset)}, into {@code partitions} partitions. */
  public <W> PairDataset<K, Pair<V, Optional<W>>> leftOuterJoin(PairDataset<K, W> other, int partitions) {
    FlatMapFunction<Pair<List<V>, List<W>>, Pair<V, Optional<W>>> combinations = groups -> {
      List<Pair<V, Optional<W>>> out = new ArrayList<>();
      for (V left : groups.key()) {
        if (groups.value().isEmpty()) {
          out.add(Pair.of(left, Optional.empty()));
        }
        for (W right : groups.value()) {
          out.add(Pair.of(left, Optional.ofNullable(right)));
        }
      }
      return out.iterator();
    };
    return cogroup(other, partitions).flatMapValues(combinations);
  }

  /** Right outer join: every value of the other side, with each matching value of this side or empty. */
  public <W> PairDataset<K, Pair<Optional<V>, W>> rightOuterJoin(PairDataset<K, W> other) {
    return rightOuterJoin(other, Math.max(getNumPartitions(), other.getNumPartitions()));
  }

  /** As {@link #rightOuterJoin(PairDataset)}, into {@code partitions} partitions. */
  public <W> PairDataset<K, Pair<Optional<V>, W>> rightOuterJoin(PairDataset<K, W> other, int partitions) {
    FlatMapFunction<Pair<List<V>, List<W>>, Pair<Optional<V>, W>> combinations = groups -> {
      List<Pair<Optional<V>, W>> out = new ArrayList<>();
      for (W right : groups.value()) {
        if (groups.key().isEmpty()) {
          out.add(Pair.of(Optional.empty(), right));
        }
        for (V left : groups.key()) {
          out.add(Pair.of(Optional.ofNullable(left), right));
        }
      }
      return out.iterator();
    };
    return cogroup(other, partitions).flatMapValues(combinations);
  }

  /** Full outer join: every value of either side, matched where the key is on both sides. */
  public <W> PairDataset<K, Pair<Optional<V>, Optional<W>>> fullOuterJoin(PairDataset<K, W> other) {
    return fullOuterJoin(other, Math.max(getNumPartitions(), other.getNumPartitions()));
  }

  /** As {@link #fullOuterJoin(PairDataset)}, into {@code partitions} partitions. */
  public <W> PairDataset<K, Pair<Optional<V>, Optional<W>>> fullOuterJoin(PairDataset<K, W> other,
      int partitions) {
    FlatMapFunction<Pair<List<V>, List<W>>, Pair<Optional<V>, Optional<W>>> combinations = groups -> {
      List<Pair<Optional<V>, Optional<W>>> out = new ArrayList<>();
      if (groups.key().isEmpty()) {
        for (W right : groups.value()) {
          out.add(Pair.of(Optional.empty(), Optional.ofNullable(right)));
        }
      } else if (groups.value().isEmpty()) {
        for (V left : groups.key()) {
          out.add(Pair.of(Optional.ofNullable(left), Optional.empty()));
        }
      } else {
        for (V left : groups.key()) {
          for (W right : groups.value()) {
            out.add(Pair.of(Optional.ofNullable(left), Optional.ofNullable(right)));
          }
        }
      }
      return out.iterator();
    };
    return cogroup(other, partitions).flatMapValues(combinations);
  }

  // ---- actions ----

  /** All pairs, in partition order. */
  public List<Pair<K, V>> collect() {
    return pairs.collect();
  }

  /** All pairs as a map (a later value of a duplicate key wins), in partition order. */
  public Map<K, V> collectAsMap() {
    Map<K, V> map = new LinkedHashMap<>();
    for (Pair<K, V> pair : pairs.collect()) {
      map.put(pair.key(), pair.value());
    }
    return map;
  }

  public long count() {
    return pairs.count();
  }

  public List<Pair<K, V>> take(int count) {
    return pairs.take(count);
  }

  public void saveAsTextFile(String directory) {
    pairs.saveAsTextFile(directory);
  }

  public void explain() {
    pairs.explain();
  }

  public String explainString() {
    return pairs.explainString();
  }

  private <A, B> PairDataset<A, B> wrap(LogicalPlan node) {
    return new PairDataset<>(new Dataset<>(session(), node));
  }

  @SuppressWarnings("unchecked")
  private static <A, B> Class<Pair<A, B>> pairClass() {
    return (Class<Pair<A, B>>) (Class<?>) Pair.class;
  }

  @Override
  public String toString() {
    return "PairDataset[" + plan().describe() + "]";
  }
}
