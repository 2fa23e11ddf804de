package dev.sluice.executors.columnar;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.VectorBatch;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** A test source handing out given Arrow batches in order; closing it frees those not pulled. */
public final class GivenBatches implements Operator {
  private final Deque<Batch> batches;
  private final OperatorMetrics metrics = new OperatorMetrics("GivenBatches");
  private boolean closed;

  public GivenBatches(List<Batch> batches) {
    this.batches = new ArrayDeque<>(batches);
  }

  /** A source of the columns, written to Arrow now. */
  public static GivenBatches of(List<VectorBatch> columns, BufferAllocator allocator) {
    return new GivenBatches(columns.stream().map(c -> ArrowColumns.write(c, allocator)).toList());
  }

  public boolean closed() {
    return closed;
  }

  @Override
  public Batch next() {
    return closed ? null : batches.poll();
  }

  @Override
  public OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    closed = true;
    batches.forEach(Batch::close);
    batches.clear();
  }
}
