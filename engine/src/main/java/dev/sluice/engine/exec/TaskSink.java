package dev.sluice.engine.exec;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.device.Placement;
import dev.sluice.engine.expr.SortKey;
import dev.sluice.engine.function.ForeachFunction;
import dev.sluice.engine.function.LongReduceFunction;
import dev.sluice.engine.function.ReduceFunction;
import dev.sluice.engine.source.FileFormat;
import java.util.List;
import java.util.Map;

/**
 * What a task does with the batches of its partition. For a result task it is the per-partition
 * half of an action, and the driver combines the partitions' answers; for a shuffle-map task it
 * writes shuffle files ({@link ShuffleWrite}).
 */
public sealed interface TaskSink
    permits TaskSink.Collect,
        TaskSink.Count,
        TaskSink.Reduce,
        TaskSink.Fold,
        TaskSink.Foreach,
        TaskSink.SaveText,
        TaskSink.LongSum,
        TaskSink.LongReduce,
        TaskSink.ShuffleWrite,
        TaskSink.SampleKeys,
        TaskSink.SampleColumns,
        TaskSink.WriteFiles {

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

  /**
   * Writes the partition's rows, distributed by {@code partitioning}, as shuffle output: one data
   * file of Arrow IPC streams (one per reduce partition, compressed) and an index of offsets.
   * Sends back where the output is and the size of each reduce partition.
   *
   * @param shuffleId the shuffle
   * @param partitioning how rows are distributed
   * @param placement where each row's partition is computed: the exchange's placement (only a
   *     {@code HashColumns} partitioning can be on the GPU)
   */
  record ShuffleWrite(int shuffleId, dev.sluice.engine.plan.physical.Partitioning partitioning,
      Placement placement) implements TaskSink {
    public ShuffleWrite {
      requireNonNull(partitioning, "partitioning is null");
      requireNonNull(placement, "placement is null");
    }

    /** Partitioning on the CPU. */
    public ShuffleWrite(int shuffleId, dev.sluice.engine.plan.physical.Partitioning partitioning) {
      this(shuffleId, partitioning, Placement.NOT_PLACED);
    }

    @Override
    public String describe() {
      return "shuffle " + shuffleId + " " + partitioning.describe();
    }
  }

  /**
   * Sends back up to {@code sampleSize} keys of the partition (a uniform reservoir sample) and the
   * partition's row count, Kryo-encoded: the input of range-partition bounds.
   */
  record SampleKeys(dev.sluice.engine.function.MapFunction<Object, Object> key, int sampleSize)
      implements TaskSink {
    public SampleKeys {
      requireNonNull(key, "key is null");
      if (sampleSize < 1) {
        throw new IllegalArgumentException("sampleSize must be at least 1, got " + sampleSize);
      }
    }

    @Override
    public String describe() {
      return "sample keys";
    }
  }

  /**
   * Sends back up to {@code perPartition} key tuples of the partition (a uniform reservoir sample;
   * each tuple a list of the values of {@code keys} as {@code Literal} holds them) and the
   * partition's row count, as a Kryo-encoded {@code KeySample}: the input of the bounds of a
   * columnar range partitioning ({@code ColumnarRangeBounds}).
   *
   * @param keys resolved sort keys over the partition's columns
   * @param perPartition how many tuples to sample at most
   */
  record SampleColumns(List<SortKey> keys, int perPartition) implements TaskSink {
    public SampleColumns {
      keys = List.copyOf(requireNonNull(keys, "keys is null"));
      if (perPartition < 1) {
        throw new IllegalArgumentException("perPartition must be at least 1, got " + perPartition);
      }
    }

    @Override
    public String describe() {
      return "sample columns";
    }
  }

  /**
   * Writes the partition's rows as files of {@code format} under {@code stagingDirectory}:
   * {@code <staging>/<col>=<value>/.../part-<partition>-<attempt>-c<n>.<ext>}, one directory level
   * per partition column (Hive style, the columns left out of the files). Sends back the relative
   * paths of the files this attempt wrote, UTF-8, one per line; the driver moves only the files
   * answered by successful attempts into the target.
   *
   * @param format {@link FileFormat#PARQUET} or {@link FileFormat#CSV}
   * @param stagingDirectory the job's staging directory, created by the driver beside the target
   * @param partitionColumns indexes of the input columns to partition the output by, in
   *     directory order; empty for none
   * @param options the format's options, already validated by the driver (CSV: {@code header},
   *     {@code delimiter}, {@code quote}, {@code escape}, {@code nullValue})
   */
  record WriteFiles(FileFormat format, String stagingDirectory, List<Integer> partitionColumns,
      Map<String, String> options) implements TaskSink {
    public WriteFiles {
      requireNonNull(format, "format is null");
      requireNonNull(stagingDirectory, "stagingDirectory is null");
      partitionColumns = List.copyOf(requireNonNull(partitionColumns, "partitionColumns is null"));
      options = Map.copyOf(requireNonNull(options, "options is null"));
      if (format != FileFormat.PARQUET && format != FileFormat.CSV) {
        throw new IllegalArgumentException("files can be written as PARQUET or CSV, not " + format);
      }
    }

    @Override
    public String describe() {
      return "write " + format.name().toLowerCase(java.util.Locale.ROOT)
          + (partitionColumns.isEmpty() ? "" : " partitioned by columns " + partitionColumns);
    }
  }
}
