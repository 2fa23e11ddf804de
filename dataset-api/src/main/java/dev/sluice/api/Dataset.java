package dev.sluice.api;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.TaskSink;
import dev.sluice.engine.function.FilterFunction;
import dev.sluice.engine.function.FlatMapFunction;
import dev.sluice.engine.function.ForeachFunction;
import dev.sluice.engine.function.MapFunction;
import dev.sluice.engine.function.MapPartitionsFunction;
import dev.sluice.engine.function.MapToLongFunction;
import dev.sluice.engine.function.ReduceFunction;
import dev.sluice.engine.keyed.KeyOrder;
import dev.sluice.engine.keyed.Pair;
import dev.sluice.engine.plan.CoalesceNode;
import dev.sluice.engine.plan.FilterNode;
import dev.sluice.engine.plan.FlatMapNode;
import dev.sluice.engine.plan.LimitNode;
import dev.sluice.engine.plan.LogicalPlan;
import dev.sluice.engine.plan.MapNode;
import dev.sluice.engine.plan.MapPartitionsNode;
import dev.sluice.engine.plan.MapToLongNode;
import dev.sluice.engine.plan.Origin;
import dev.sluice.engine.plan.RepartitionNode;
import dev.sluice.engine.plan.SortNode;
import dev.sluice.engine.plan.UnionNode;
import dev.sluice.engine.plan.physical.PhysicalPlanner;
import dev.sluice.engine.relational.DatasetRelation;
import dev.sluice.engine.serde.ClosureChecker;
import dev.sluice.engine.serde.KryoSerde;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A lazy, partitioned collection of Java objects. Transformations return new datasets and run
 * nothing; actions ({@link #collect()}, {@link #count()}, {@link #reduce}, ...) plan and run a job.
 * Rows travel between operators as Arrow batches; user functions see objects.
 *
 * <p>Functions passed here are checked for serializability at once, so a function that captures
 * something that cannot be shipped fails at the call that passed it, naming the object.
 *
 * @param <T> the row type
 */
public class Dataset<T> {
  private final Sluice session;
  private final LogicalPlan plan;

  Dataset(Sluice session, LogicalPlan plan) {
    this.session = requireNonNull(session, "session is null");
    this.plan = requireNonNull(plan, "plan is null");
  }

  Sluice session() {
    return session;
  }

  /** The logical plan this dataset stands for. */
  public LogicalPlan logicalPlan() {
    return plan;
  }

  /** How many partitions (and so tasks) this dataset has. */
  public int getNumPartitions() {
    return PhysicalPlanner.plan(plan).partitionCount();
  }

  // ---- transformations ----

  /** Applies {@code function} to every row. The result class is read from the lambda where possible. */
  public <U> Dataset<U> map(MapFunction<T, U> function) {
    return map(function, LambdaTypes.resultClass(function), CallSite.of("map"));
  }

  /** Applies {@code function} to every row, whose results are of {@code resultClass}. */
  public <U> Dataset<U> map(MapFunction<T, U> function, Class<U> resultClass) {
    return map(function, resultClass, CallSite.of("map"));
  }

  private <U> Dataset<U> map(MapFunction<T, U> function, Class<?> resultClass, Origin origin) {
    ClosureChecker.check(function, origin.toString());
    return new Dataset<>(session, new MapNode(session.nextId(), origin, plan, function, resultClass));
  }

  /** Replaces every row by the rows {@code function}'s iterator returns. */
  public <U> Dataset<U> flatMap(FlatMapFunction<T, U> function) {
    return flatMap(function, Object.class, CallSite.of("flatMap"));
  }

  /** As {@link #flatMap(FlatMapFunction)}, with the result rows of {@code resultClass}. */
  public <U> Dataset<U> flatMap(FlatMapFunction<T, U> function, Class<U> resultClass) {
    return flatMap(function, resultClass, CallSite.of("flatMap"));
  }

  private <U> Dataset<U> flatMap(FlatMapFunction<T, U> function, Class<?> resultClass, Origin origin) {
    ClosureChecker.check(function, origin.toString());
    return new Dataset<>(session, new FlatMapNode(session.nextId(), origin, plan, function, resultClass));
  }

  /** Keeps the rows for which {@code predicate} returns true. */
  public Dataset<T> filter(FilterFunction<T> predicate) {
    Origin origin = CallSite.of("filter");
    ClosureChecker.check(predicate, origin.toString());
    return new Dataset<>(session, new FilterNode(session.nextId(), origin, plan, predicate));
  }

  /** Calls {@code function} once per partition with an iterator over its rows. */
  public <U> Dataset<U> mapPartitions(MapPartitionsFunction<T, U> function) {
    return mapPartitions(function, Object.class, CallSite.of("mapPartitions"));
  }

  /** As {@link #mapPartitions(MapPartitionsFunction)}, with result rows of {@code resultClass}. */
  public <U> Dataset<U> mapPartitions(MapPartitionsFunction<T, U> function, Class<U> resultClass) {
    return mapPartitions(function, resultClass, CallSite.of("mapPartitions"));
  }

  private <U> Dataset<U> mapPartitions(MapPartitionsFunction<T, U> function, Class<?> resultClass, Origin origin) {
    ClosureChecker.check(function, origin.toString());
    return new Dataset<>(session, new MapPartitionsNode(session.nextId(), origin, plan, function, resultClass));
  }

  /** Maps every row to a primitive long, for fast numeric work without boxing. */
  public LongDataset mapToLong(MapToLongFunction<T> function) {
    Origin origin = CallSite.of("mapToLong");
    ClosureChecker.check(function, origin.toString());
    return new LongDataset(session, new MapToLongNode(session.nextId(), origin, plan, function));
  }

  /** The rows of this dataset followed by those of {@code other} (duplicates kept, as UNION ALL). */
  public Dataset<T> union(Dataset<T> other) {
    Origin origin = CallSite.of("union");
    session.checkOwns(requireNonNull(other, "other is null"));
    return new Dataset<>(session, new UnionNode(session.nextId(), origin, List.of(plan, other.plan)));
  }

  /** The first {@code count} rows, in partition order. */
  public Dataset<T> limit(long count) {
    Origin origin = CallSite.of("limit");
    if (count < 0) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT,
          "limit count must be greater than or equal to zero, got " + count + " (" + origin + ")");
    }
    return new Dataset<>(session, new LimitNode(session.nextId(), origin, plan, count));
  }

  // ---- keyed and wide transformations ----

  /** Pairs every row with a key computed from it: {@code Pair(key(row), row)}. */
  public <K> PairDataset<K, T> keyBy(MapFunction<T, K> key) {
    Origin origin = CallSite.of("keyBy");
    ClosureChecker.check(key, origin.toString());
    MapFunction<T, Pair<K, T>> pairing = row -> Pair.of(key.call(row), row);
    return new PairDataset<>(new Dataset<>(session, new MapNode(session.nextId(), origin, plan, pairing, Pair.class)));
  }

  /** Maps every row to a key/value {@link Pair}. */
  public <K, V> PairDataset<K, V> mapToPair(MapFunction<T, Pair<K, V>> function) {
    Origin origin = CallSite.of("mapToPair");
    ClosureChecker.check(function, origin.toString());
    return new PairDataset<>(new Dataset<>(session, new MapNode(session.nextId(), origin, plan, function, Pair.class)));
  }

  /** Groups rows by a key: {@code Pair(key, rows with that key)}. */
  public <K> PairDataset<K, List<T>> groupBy(MapFunction<T, K> key) {
    return keyBy(key).groupByKey();
  }

  /** The distinct rows (by {@code equals}), in as many partitions as this dataset has. */
  public Dataset<T> distinct() {
    return distinct(getNumPartitions());
  }

  /** The distinct rows (by {@code equals}) in {@code partitions} partitions. */
  public Dataset<T> distinct(int partitions) {
    MapFunction<T, Pair<T, Boolean>> asKey = row -> Pair.of(row, Boolean.TRUE);
    return mapToPair(asKey).reduceByKey((left, right) -> left, partitions).keys();
  }

  /**
   * All rows sorted by {@code key} across partitions: partition 0 holds the smallest keys (largest
   * when descending). Keys must be {@link Comparable}; nulls come first ascending and last
   * descending. Ties keep no particular order across partitions of the input.
   */
  public <K> Dataset<T> sortBy(MapFunction<T, K> key, boolean ascending) {
    return sortBy(key, ascending, getNumPartitions());
  }

  /** As {@link #sortBy(MapFunction, boolean)}, into {@code partitions} partitions. */
  public <K> Dataset<T> sortBy(MapFunction<T, K> key, boolean ascending, int partitions) {
    Origin origin = CallSite.of("sortBy");
    ClosureChecker.check(key, origin.toString());
    Sluice.requirePartitions(partitions, origin);
    return new Dataset<>(session, new SortNode(session.nextId(), origin, plan, key, new KeyOrder(ascending),
        partitions));
  }

  /** The same rows spread evenly over {@code partitions} partitions by a round-robin shuffle. */
  public Dataset<T> repartition(int partitions) {
    Origin origin = CallSite.of("repartition");
    Sluice.requirePartitions(partitions, origin);
    return new Dataset<>(session, new RepartitionNode(session.nextId(), origin, plan, partitions));
  }

  /** At most {@code partitions} partitions, by merging neighbours without a shuffle. */
  public Dataset<T> coalesce(int partitions) {
    Origin origin = CallSite.of("coalesce");
    Sluice.requirePartitions(partitions, origin);
    return new Dataset<>(session, new CoalesceNode(session.nextId(), origin, plan, partitions));
  }

  /**
   * The rows as a DataFrame, lazily: a record's components (a bean's properties) become columns of
   * the same names, a single value ({@code Long}, {@code String}...) a column {@code value}.
   *
   * @throws EngineException UNSUPPORTED_TYPE when the row class is not known or has no columnar
   *     form (BigDecimal components included: their precision and scale are not declared anywhere)
   */
  public DataFrame toDF() {
    Origin origin = CallSite.of("toDF");
    dev.sluice.engine.types.Schema schema = TypedColumns.datasetSchema(plan.rowClass());
    return DataFrame.ofSource(session, new DatasetRelation(plan, schema), origin);
  }

  // ---- actions ----

  /** All rows, in partition order. */
  @SuppressWarnings("unchecked")
  public List<T> collect() {
    Origin origin = CallSite.of("collect");
    ActionRunner actions = session.actions();
    return (List<T>) actions.decodeRows(actions.run(plan, new TaskSink.Collect(), origin));
  }

  /** The number of rows. */
  public long count() {
    Origin origin = CallSite.of("count");
    long total = 0;
    for (byte[] partial : session.actions().run(plan, new TaskSink.Count(), origin)) {
      total += ByteBuffer.wrap(partial).getLong();
    }
    return total;
  }

  /**
   * Combines all rows with an associative {@code function}: each partition is reduced on its
   * executor, then the partial results on the driver, in partition order.
   *
   * @throws EngineException with {@link ErrorCode#EMPTY_DATASET} when there are no rows
   */
  @SuppressWarnings("unchecked")
  public T reduce(ReduceFunction<T> function) {
    Origin origin = CallSite.of("reduce");
    ClosureChecker.check(function, origin.toString());
    List<byte[]> partials = session.actions().run(plan,
        new TaskSink.Reduce((ReduceFunction<Object>) (ReduceFunction<?>) function), origin);
    boolean present = false;
    T result = null;
    for (byte[] partial : partials) {
      if (partial.length == 0) {
        continue;
      }
      T value = KryoSerde.deserialize(partial);
      result = present ? call(function, result, value) : value;
      present = true;
    }
    if (!present) {
      throw new EngineException(ErrorCode.EMPTY_DATASET, "Cannot reduce an empty dataset (" + origin + ")");
    }
    return result;
  }

  /**
   * Folds every partition starting from {@code zero}, then the partition results starting from
   * {@code zero} again (as Spark's {@code fold}); {@code zero} must be a neutral element.
   */
  @SuppressWarnings("unchecked")
  public T fold(T zero, ReduceFunction<T> function) {
    Origin origin = CallSite.of("fold");
    ClosureChecker.check(function, origin.toString());
    List<byte[]> partials = session.actions().run(plan,
        new TaskSink.Fold(zero, (ReduceFunction<Object>) (ReduceFunction<?>) function), origin);
    T result = KryoSerde.deserialize(KryoSerde.serialize(zero));
    for (byte[] partial : partials) {
      result = call(function, result, KryoSerde.<T>deserialize(partial));
    }
    return result;
  }

  private static <T> T call(ReduceFunction<T> function, T left, T right) {
    try {
      return function.call(left, right);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new EngineException(ErrorCode.TASK_FAILED, "The reduce function failed on the driver: " + e, e);
    }
  }

  /** The first {@code count} rows in partition order; partitions past those needed are not computed. */
  public List<T> take(int count) {
    if (count < 0) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "take count must be at least 0, got " + count);
    }
    return count == 0 ? new ArrayList<>() : limit(count).collect();
  }

  /**
   * The first row.
   *
   * @throws NoSuchElementException if the dataset is empty
   */
  public T first() {
    List<T> rows = take(1);
    if (rows.isEmpty()) {
      throw new NoSuchElementException("first() of an empty dataset");
    }
    return rows.get(0);
  }

  /** Calls {@code function} on every row, on the executors. */
  @SuppressWarnings("unchecked")
  public void foreach(ForeachFunction<T> function) {
    Origin origin = CallSite.of("foreach");
    ClosureChecker.check(function, origin.toString());
    session.actions().run(plan, new TaskSink.Foreach((ForeachFunction<Object>) (ForeachFunction<?>) function),
        origin);
  }

  /**
   * Writes the rows as text lines ({@code String.valueOf(row)}), one {@code part-NNNNN} file per
   * partition plus a {@code _SUCCESS} marker, into {@code directory}, which must not exist. The
   * write is atomic: tasks write into a temporary directory that is renamed on success; a failed
   * job leaves nothing at {@code directory}.
   */
  public void saveAsTextFile(String directory) {
    Origin origin = CallSite.of("saveAsTextFile");
    TextOutput output = TextOutput.begin(directory);
    try {
      session.actions().run(plan, new TaskSink.SaveText(output.temporaryDirectory()), origin);
    } catch (RuntimeException e) {
      output.abort();
      throw e;
    }
    output.commit();
  }

  /** Prints the logical plan, the physical plan and the stages. */
  public void explain() {
    System.out.println(explainString());
  }

  /** What {@link #explain()} prints. */
  public String explainString() {
    return session.actions().explain(plan);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + plan.describe() + "]";
  }
}
