package dev.sluice.executors.shuffle;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.device.GpuOperators;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.plan.physical.ExchangeExec;
import dev.sluice.engine.plan.physical.Partitioning;
import dev.sluice.engine.vector.VectorBatch;
import dev.sluice.executors.columnar.GpuBatches;

/**
 * The partitioner of a {@code HashColumns} exchange placed on the GPU: each batch's Arrow vectors
 * go to the {@link GpuOperators} provider, which answers with every row's partition, the same as
 * the CPU's {@code ColumnHash}. When the provider throws on a batch (a CUDA error, device out of
 * memory, no device after all) or answers with something that cannot be partitions of that batch,
 * the CPU partitioner takes that batch instead. Counts both kinds of batch in the task's counters
 * ({@code TaskCounters.gpuBatches}, {@code gpuFallbackBatches}); logs the first fallback at WARN,
 * later ones at DEBUG.
 */
final class GpuHashPartitioner implements ColumnarPartitioner {
  private final ExchangeExec exchange;
  private final GpuOperators gpu;
  private final OperatorContext context;
  private final ColumnarPartitioner cpu;
  private final int partitions;
  private final GpuBatches batches;

  /**
   * @param exchange the exchange, with a {@code HashColumns} partitioning
   * @param gpu the GPU operators
   * @param context the task's allocator (for the provider's scratch buffers) and counters
   */
  GpuHashPartitioner(ExchangeExec exchange, GpuOperators gpu, OperatorContext context) {
    this.exchange = requireNonNull(exchange, "exchange is null");
    this.gpu = requireNonNull(gpu, "gpu is null");
    this.context = requireNonNull(context, "context is null");
    this.batches = new GpuBatches("hash partitioning for " + exchange.describe(), context);
    if (!(exchange.partitioning() instanceof Partitioning.HashColumns)) {
      throw new IllegalArgumentException("only a hash-columns exchange partitions on the GPU, not "
          + exchange.describe());
    }
    this.cpu = ColumnarPartitioners.of(exchange.partitioning());
    this.partitions = exchange.partitioning().partitions();
  }

  @Override
  public int[] partitionsOf(VectorBatch batch) {
    return cpu.partitionsOf(batch);
  }

  @Override
  public int[] partitionsOf(Batch batch, VectorBatch columns) {
    int rows = columns.rowCount();
    int[] ids;
    try {
      ids = gpu.hashPartitions(exchange, batch, context.allocator());
      check(ids, rows);
    } catch (RuntimeException | LinkageError e) {
      batches.fellBack(rows, e);
      return cpu.partitionsOf(columns);
    }
    batches.ran();
    return ids;
  }

  private void check(int[] ids, int rows) {
    if (ids == null || ids.length != rows) {
      throw new IllegalStateException("the GPU answered " + (ids == null ? "null" : ids.length + " partitions")
          + " for " + rows + " rows");
    }
    for (int id : ids) {
      if (id < 0 || id >= partitions) {
        throw new IllegalStateException("the GPU answered partition " + id + " of " + partitions);
      }
    }
  }
}
