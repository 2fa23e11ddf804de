package dev.sluice.api;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.TaskSink;
import dev.sluice.engine.function.LongFilterFunction;
import dev.sluice.engine.function.LongMapFunction;
import dev.sluice.engine.function.LongMapToObjFunction;
import dev.sluice.engine.function.LongReduceFunction;
import dev.sluice.engine.plan.LimitNode;
import dev.sluice.engine.plan.LogicalPlan;
import dev.sluice.engine.plan.LongFilterNode;
import dev.sluice.engine.plan.LongMapNode;
import dev.sluice.engine.plan.LongMapToObjNode;
import dev.sluice.engine.plan.Origin;
import dev.sluice.engine.plan.UnionNode;
import dev.sluice.engine.relational.DatasetRelation;
import dev.sluice.engine.serde.ClosureChecker;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A dataset of primitive longs, such as {@link Sluice#range}: maps, filters, sums and reductions
 * run over the int64 column without boxing, as {@code java.util.stream.LongStream} does for
 * streams. {@link #boxed()} gives the same data as a {@code Dataset<Long>} for everything else.
 */
public final class LongDataset {
  private final Sluice session;
  private final LogicalPlan plan;
  private final Dataset<Long> boxed;

  LongDataset(Sluice session, LogicalPlan plan) {
    this.session = session;
    this.plan = plan;
    this.boxed = new Dataset<>(session, plan);
  }

  private Sluice session() {
    return session;
  }

  /** The logical plan this dataset stands for. */
  public LogicalPlan logicalPlan() {
    return plan;
  }

  /** How many partitions (and so tasks) this dataset has. */
  public int getNumPartitions() {
    return boxed.getNumPartitions();
  }

  /** Applies {@code function} to every value, in place in the column. */
  public LongDataset map(LongMapFunction function) {
    Origin origin = CallSite.of("map");
    ClosureChecker.check(function, origin.toString());
    return new LongDataset(session(), new LongMapNode(session().nextId(), origin, logicalPlan(), function));
  }

  /** Keeps the values for which {@code predicate} returns true. */
  public LongDataset filter(LongFilterFunction predicate) {
    Origin origin = CallSite.of("filter");
    ClosureChecker.check(predicate, origin.toString());
    return new LongDataset(session(), new LongFilterNode(session().nextId(), origin, logicalPlan(), predicate));
  }

  /** Maps every value to an object. */
  public <U> Dataset<U> mapToObj(LongMapToObjFunction<U> function) {
    Origin origin = CallSite.of("mapToObj");
    ClosureChecker.check(function, origin.toString());
    return new Dataset<>(session(), new LongMapToObjNode(session().nextId(), origin, logicalPlan(), function,
        LambdaTypes.resultClass(function)));
  }

  /** The same values as boxed {@code Long} rows (no work: the column is the same). */
  public Dataset<Long> boxed() {
    return boxed;
  }

  /** The values of this dataset followed by those of {@code other}. */
  public LongDataset union(LongDataset other) {
    Origin origin = CallSite.of("union");
    session().checkOwns(other.boxed);
    return new LongDataset(session(), new UnionNode(session().nextId(), origin,
        List.of(logicalPlan(), other.logicalPlan())));
  }

  /** The first {@code count} values, in partition order. */
  public LongDataset limit(long count) {
    Origin origin = CallSite.of("limit");
    if (count < 0) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT,
          "limit count must be greater than or equal to zero, got " + count + " (" + origin + ")");
    }
    return new LongDataset(session(), new LimitNode(session().nextId(), origin, logicalPlan(), count));
  }

  /**
   * The numbers as a DataFrame of one int64 column {@code id} (as Spark's {@code range}), lazily:
   * {@code sluice.range(0, n).toDF().select(sum(col("id").multiply(col("id"))))}.
   */
  public DataFrame toDF() {
    Origin origin = CallSite.of("toDF");
    Schema schema = new Schema(List.of(new Field("id", DataType.INT64)));
    return DataFrame.ofSource(session, new DatasetRelation(plan, schema), origin);
  }

  /** The wrapping (two's complement) sum of all values; 0 for an empty dataset. */
  public long sum() {
    Origin origin = CallSite.of("sum");
    long sum = 0;
    for (byte[] partial : session().actions().run(logicalPlan(), new TaskSink.LongSum(), origin)) {
      sum += ByteBuffer.wrap(partial).getLong();
    }
    return sum;
  }

  /**
   * Combines all values with an associative {@code function}.
   *
   * @throws EngineException with {@link ErrorCode#EMPTY_DATASET} when there are no values
   */
  public long reduce(LongReduceFunction function) {
    Origin origin = CallSite.of("reduce");
    ClosureChecker.check(function, origin.toString());
    boolean present = false;
    long result = 0;
    for (byte[] partial : session().actions().run(logicalPlan(), new TaskSink.LongReduce(function), origin)) {
      if (partial.length > 0) {
        long value = ByteBuffer.wrap(partial).getLong();
        result = present ? function.call(result, value) : value;
        present = true;
      }
    }
    if (!present) {
      throw new EngineException(ErrorCode.EMPTY_DATASET, "Cannot reduce an empty dataset (" + origin + ")");
    }
    return result;
  }

  /** The smallest value. */
  public long min() {
    return reduce(Math::min);
  }

  /** The largest value. */
  public long max() {
    return reduce(Math::max);
  }

  /** The number of values. */
  public long count() {
    return boxed.count();
  }

  /** All values, in partition order. */
  public long[] collect() {
    return toArray(boxed.collect());
  }

  /** The first {@code count} values, in partition order. */
  public long[] take(int count) {
    return toArray(boxed.take(count));
  }

  /**
   * The first value.
   *
   * @throws NoSuchElementException if there is none
   */
  public long first() {
    return boxed.first();
  }

  /** Writes the values as text lines; see {@link Dataset#saveAsTextFile}. */
  public void saveAsTextFile(String directory) {
    boxed.saveAsTextFile(directory);
  }

  /** Prints the logical plan, the physical plan and the stages. */
  public void explain() {
    boxed.explain();
  }

  /** What {@link #explain()} prints. */
  public String explainString() {
    return boxed.explainString();
  }

  private static long[] toArray(List<Long> values) {
    long[] out = new long[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  @Override
  public String toString() {
    return "LongDataset[" + plan.describe() + "]";
  }
}
