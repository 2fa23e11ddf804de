package dev.sluice.scheduler.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What one task attempt measured about itself.
 *
 * @param rowsOut rows that reached the task's sink
 * @param runNanos time from start to end of the attempt on its executor thread
 * @param peakMemoryBytes the most Arrow memory its allocator held at once
 * @param resultBytes size of the result sent back to the driver
 * @param droppedRecords malformed input records dropped by DROPMALFORMED reads
 * @param rowsIn rows its source operators produced (scans, shuffle reads, ranges and values)
 * @param shuffleReadBytes shuffle bytes it read (local and remote)
 * @param shuffleWriteBytes shuffle bytes it wrote (a shuffle-map task)
 * @param spillBytes bytes its operators spilled to disk (and its shuffle writer wrote to temporary
 *     files when its output outgrew memory)
 * @param device where it computed: {@code CPU}, or {@code GPU} when a GPU operator ran
 * @param gpuFallbackBatches batches of operators placed on the GPU that ran on the CPU instead
 *     because the GPU failed on them (a CUDA error, device out of memory, an overflow flag)
 * @param operators each operator's own figures, in the order of the stage's operator listing
 *     ({@code StageSpec.operators}, {@code StageInfo.operators}: same length, and each line starts
 *     with the stat's name). The order is {@code dev.sluice.engine.exec.StageOperators}': the sink
 *     first ({@code ShuffleWrite}, {@code Collect}...; its time is the drain's less the
 *     operators'), then each node of the stage's physical plan in pre-order from the root (the node
 *     nearest the sink, then its inputs depth-first, left to right), a node met twice (a dataset
 *     unioned with itself) listed once, unions and coalesces (which only route partitions) left
 *     out. Every task of a stage reports the whole listing; a node it does not run (another input
 *     of a union) has zeros, a node it runs several times (a coalesce's inputs) the sums.
 */
public record TaskMetrics(long rowsOut, long runNanos, long peakMemoryBytes, long resultBytes, long droppedRecords,
    long rowsIn, long shuffleReadBytes, long shuffleWriteBytes, long spillBytes, String device,
    long gpuFallbackBatches, List<OperatorStat> operators) {
  public TaskMetrics {
    requireNonNull(device, "device is null");
    operators = List.copyOf(operators);
  }

  /** Figures with no GPU fallback. */
  public TaskMetrics(long rowsOut, long runNanos, long peakMemoryBytes, long resultBytes, long droppedRecords,
      long rowsIn, long shuffleReadBytes, long shuffleWriteBytes, long spillBytes, String device,
      List<OperatorStat> operators) {
    this(rowsOut, runNanos, peakMemoryBytes, resultBytes, droppedRecords, rowsIn, shuffleReadBytes, shuffleWriteBytes,
        spillBytes, device, 0, operators);
  }

  /** Figures without the per-operator, shuffle and spill detail. */
  public TaskMetrics(long rowsOut, long runNanos, long peakMemoryBytes, long resultBytes, long droppedRecords) {
    this(rowsOut, runNanos, peakMemoryBytes, resultBytes, droppedRecords, 0, 0, 0, 0, "CPU", 0, List.of());
  }

  /**
   * One operator's figures in one task.
   *
   * @param name the operator, e.g. {@code HashAggregate}
   * @param rowsOut rows it produced
   * @param nanos time spent in it (inclusive of what it pulled from its inputs where it cannot tell apart;
   *     operators that only pass batches on may report 0)
   */
  public record OperatorStat(String name, long rowsOut, long nanos) {
    public OperatorStat {
      requireNonNull(name, "name is null");
    }
  }
}
