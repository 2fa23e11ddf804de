package dev.sluice.engine.exec;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.function.ForeachFunction;
import dev.sluice.engine.function.LongReduceFunction;
import dev.sluice.engine.function.ReduceFunction;

/**
 * What a result task does with the batches of its partition, and so what it sends back to the
 * driver: the per-partition half of an action. The driver combines the partitions' answers.
 */
public sealed interface TaskSink
    permits TaskSink.Collect,
        TaskSink.Count,
        TaskSink.Reduce,
        TaskSink.Fold,
        TaskSink.Foreach,
        TaskSink.SaveText,
        TaskSink.LongSum,
        TaskSink.LongReduce {

  String describe();

  /** Sends back all batches, Arrow IPC encoded. */
  record Collect() implements TaskSink {
    @Override
    public String describe() {
      return "collect";
    }
  }

  /** Sends back the number of rows. */
  record Count() implements TaskSink {
    @Override
    public String describe() {
      return "count";
    }
  }

  /** Sends back the partition's rows reduced with {@code function}, or nothing if it is empty. */
  record Reduce(ReduceFunction<Object> function) implements TaskSink {
    public Reduce {
      requireNonNull(function, "function is null");
    }

    @Override
    public String describe() {
      return "reduce";
    }
  }

  /** Sends back {@code zero} folded with every row of the partition. */
  record Fold(Object zero, ReduceFunction<Object> function) implements TaskSink {
    public Fold {
      requireNonNull(function, "function is null");
    }

    @Override
    public String describe() {
      return "fold";
    }
  }

  /** Calls {@code function} on every row; sends back nothing. */
  record Foreach(ForeachFunction<Object> function) implements TaskSink {
    public Foreach {
      requireNonNull(function, "function is null");
    }

    @Override
    public String describe() {
      return "foreach";
    }
  }

  /**
   * Writes the rows as lines ({@code String.valueOf}) to {@code part-NNNNN} in the job's temporary
   * directory; the driver renames the directory into place when every task succeeded.
   */
  record SaveText(String temporaryDirectory) implements TaskSink {
    public SaveText {
      requireNonNull(temporaryDirectory, "temporaryDirectory is null");
    }

    @Override
    public String describe() {
      return "saveAsTextFile";
    }
  }

  /** Sends back the wrapping sum of an int64 column and its count of non-null values. */
  record LongSum() implements TaskSink {
    @Override
    public String describe() {
      return "sum";
    }
  }

  /** Sends back an int64 column reduced with {@code function}, or nothing if it is empty. */
  record LongReduce(LongReduceFunction function) implements TaskSink {
    public LongReduce {
      requireNonNull(function, "function is null");
    }

    @Override
    public String describe() {
      return "reduce";
    }
  }
}
