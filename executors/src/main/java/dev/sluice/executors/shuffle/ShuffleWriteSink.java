package dev.sluice.executors.shuffle;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.device.GpuOperators;
import dev.sluice.engine.encoding.RowBatchWriter;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.plan.Origin;
import dev.sluice.engine.plan.physical.ExchangeExec;
import dev.sluice.engine.plan.physical.Partitioning;
import dev.sluice.executors.operator.RowBatches;
import dev.sluice.executors.operator.RowProducer;
import dev.sluice.executors.operator.UserFunctionException;
import dev.sluice.executors.runtime.TaskContext;
import dev.sluice.executors.sink.ResultSink;
import dev.sluice.scheduler.shuffle.MapStatus;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The root of a shuffle-map task: distributes its input rows over the reduce partitions and writes
 * them as Arrow IPC (uncompressed: see {@link PartitionFiles#COMPRESSION}), held in memory up to
 * half the task's memory budget and beyond that in one temporary file per reduce partition while
 * rows arrive (so memory stays bounded), then concatenates those into the map output's
 * data file and writes its index. Both appear atomically (written under temporary names, then
 * renamed), and the output is reported as a {@link MapStatus}.
 *
 * <p>Typed partitionings ({@code Hash}, {@code Range}, {@code RoundRobin}) ask for each row
 * object's partition; the columnar ones ({@code HashColumns}, {@code RangeColumns},
 * {@code Broadcast}) go through the {@link ColumnarShuffleWriter}, a batch at a time; a
 * {@code HashColumns} exchange placed on the GPU has its rows' partitions computed there
 * ({@link GpuHashPartitioner}). A broadcast
 * map output has a single partition, which every reader reads. {@code Single} (used by typed and
 * columnar plans alike) writes the input batches as they are, encoding and all, unless the input
 * hands over row objects ({@link RowProducer}), which are encoded as for the typed partitionings.
 */
public final class ShuffleWriteSink implements ResultSink {
  private static final Origin ORIGIN = new Origin("shuffle key", "user function");
  private static final int BUFFERED_ROWS_PER_TASK = 1 << 18;
  /** Rows of columnar data buffered per task, over all partitions, and the most per written batch. */
  private static final int BUFFERED_COLUMNAR_ROWS = 1 << 20;
  private static final int COLUMNAR_BATCH_ROWS = 1 << 16;

  private final Partitioning partitioning;
  private final TaskContext task;
  private final int shuffleId;
  /** The exchange whose partitions the GPU computes, or null when the CPU does. */
  private final ExchangeExec gpuExchange;
  /** The GPU operators computing them, or null. */
  private final GpuOperators gpu;
  private long rows;
  private MapStatus status;

  /** Partitions the rows on the CPU. */
  public ShuffleWriteSink(int shuffleId, Partitioning partitioning, TaskContext task) {
    this.shuffleId = shuffleId;
    this.partitioning = requireNonNull(partitioning, "partitioning is null");
    this.task = task;
    this.gpuExchange = null;
    this.gpu = null;
  }

  /**
   * Partitions the rows of a {@code HashColumns} exchange placed on the GPU with {@code gpu},
   * batch by batch, each batch the GPU fails on on the CPU ({@link GpuHashPartitioner}).
   */
  public ShuffleWriteSink(int shuffleId, ExchangeExec exchange, TaskContext task, GpuOperators gpu) {
    this.shuffleId = shuffleId;
    this.partitioning = exchange.partitioning();
    this.task = task;
    if (!(partitioning instanceof Partitioning.HashColumns)) {
      throw new IllegalArgumentException("only a hash-columns exchange partitions on the GPU, not "
          + exchange.describe());
    }
    this.gpuExchange = exchange;
    this.gpu = requireNonNull(gpu, "gpu is null");
  }

  /** Where the output went, once {@link #drain} returned. */
  public MapStatus mapStatus() {
    return status;
  }

  @Override
  public byte[] drain(Operator input, OperatorContext context) {
    // a single partition takes the batches as they are, columnar or encoded rows, unless rows come as objects
    boolean columnar = ColumnarPartitioners.isColumnar(partitioning)
        || (partitioning instanceof Partitioning.Single && !(input instanceof RowProducer));
    int partitions = columnar ? ColumnarPartitioners.outputPartitions(partitioning) : partitioning.partitions();
    int mapIndex = task.key().partition();
    Path directory = task.executor().workDirectory();
    Path data = ShuffleFiles.dataFile(directory, shuffleId, mapIndex, task.attempt());
    // the encoded blocks stay in memory up to half the task's budget (the rest is for the operators
    // upstream), so that a map output that fits is written once, without temporary files
    PartitionFiles files = new PartitionFiles(directory, data, partitions, context.memoryBudgetBytes() / 2);
    try {
      if (columnar) {
        int rowsPerPartition = Math.max(1024, Math.min(COLUMNAR_BATCH_ROWS, BUFFERED_COLUMNAR_ROWS / partitions));
        ColumnarPartitioner partitioner = gpu != null ? new GpuHashPartitioner(gpuExchange, gpu, context)
            : ColumnarPartitioners.of(partitioning);
        rows = new ColumnarShuffleWriter(partitioner, partitions, files, context, rowsPerPartition).write(input);
      } else {
        writeRows(input, context, files, partitions, mapIndex);
      }
      long[] sizes = files.concatenate();
      context.counters().addSpillBytes(files.spilledBytes());
      status = new MapStatus(task.executor().executorId(), task.executor().dataLocation(), data.toString(), sizes);
      return new byte[0];
    } catch (IOException e) {
      throw new EngineException(ErrorCode.SPILL_FAILED, "Cannot write shuffle " + shuffleId + " output of map task "
          + mapIndex + " to " + data + ": " + e.getMessage(), e);
    } finally {
      files.deleteTemporaries();
    }
  }

  /** The typed path: row objects partitioned one by one and encoded per partition. */
  private void writeRows(Operator input, OperatorContext context, PartitionFiles files, int partitions, int mapIndex)
      throws IOException {
    int rowsPerPartition = Math.max(64, Math.min(context.batchRows(), BUFFERED_ROWS_PER_TASK / partitions));
    RowBatchWriter[] writers = new RowBatchWriter[partitions];
    try {
      int roundRobin = Math.floorMod(Integer.hashCode(mapIndex) * 0x9E3779B9, partitions);
      for (Object[] batchRows = RowBatches.next(input, context); batchRows != null;
          batchRows = RowBatches.next(input, context)) {
        for (Object row : batchRows) {
          int partition;
          if (partitioning instanceof Partitioning.Hash hash) {
            partition = hash.partitionOf(UserFunctionException.call(ORIGIN, () -> hash.key().call(row)));
          } else if (partitioning instanceof Partitioning.Range range) {
            partition = range.partitionOf(UserFunctionException.call(ORIGIN, () -> range.key().call(row)));
          } else if (partitioning instanceof Partitioning.RoundRobin) {
            partition = roundRobin;
            roundRobin = roundRobin + 1 == partitions ? 0 : roundRobin + 1;
          } else {
            partition = 0;
          }
          if (writers[partition] == null) {
            writers[partition] = new RowBatchWriter(null, rowsPerPartition, context.allocator());
          }
          if (writers[partition].add(row)) {
            files.append(partition, writers[partition].flush(), context);
          }
          rows++;
        }
      }
      for (int p = 0; p < partitions; p++) {
        if (writers[p] != null && !writers[p].isEmpty()) {
          files.append(p, writers[p].flush(), context);
        }
      }
    } finally {
      for (RowBatchWriter writer : writers) {
        if (writer != null) {
          Batch pending = writer.flush();
          if (pending != null) {
            pending.close();
          }
        }
      }
    }
  }

  @Override
  public long rows() {
    return rows;
  }
}
