package dev.sluice.executors.sink;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.VectorBatch;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A test input: the given batches, each turned into an Arrow batch when pulled; optionally fails
 * with {@code failure} instead of producing batch number {@code failAt}.
 */
final class VectorBatchSource implements Operator {
  private final List<VectorBatch> batches;
  private final BufferAllocator allocator;
  private final int failAt;
  private final RuntimeException failure;
  private final OperatorMetrics metrics = new OperatorMetrics("VectorBatchSource");
  private int position;

  VectorBatchSource(List<VectorBatch> batches, BufferAllocator allocator) {
    this(batches, allocator, -1, null);
  }

  VectorBatchSource(List<VectorBatch> batches, BufferAllocator allocator, int failAt, RuntimeException failure) {
    this.batches = batches;
    this.allocator = allocator;
    this.failAt = failAt;
    this.failure = failure;
  }

  @Override
  public Batch next() {
    if (position == failAt) {
      throw failure;
    }
    if (position == batches.size()) {
      return null;
    }
    VectorBatch batch = batches.get(position++);
    metrics.recordOutput(batch.rowCount());
    return ArrowColumns.write(batch, allocator);
  }

  @Override
  public OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {}
}
