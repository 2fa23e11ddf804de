package dev.sluice.executors.operator;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.batch.BatchCodec;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.plan.physical.ValuesScanExec;
import dev.sluice.engine.plan.split.ValuesSplit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Produces the rows the driver shipped with the task ({@code parallelize}), decoded from Arrow IPC. */
public final class ValuesScanOperator implements Operator {
  private final OperatorContext context;
  private final List<ValuesSplit> splits;
  private final OperatorMetrics metrics = new OperatorMetrics("ValuesScan");
  private final Deque<Batch> decoded = new ArrayDeque<>();
  private int split;

  public ValuesScanOperator(ValuesScanExec node, OperatorContext context) {
    this.context = context;
    this.splits = node.splits();
  }

  @Override
  public Batch next() {
    while (decoded.isEmpty() && split < splits.size()) {
      context.checkCancelled();
      decoded.addAll(BatchCodec.decode(splits.get(split++).ipc(), context.allocator()));
    }
    Batch batch = decoded.poll();
    if (batch != null) {
      metrics.recordOutput(batch.rowCount());
    }
    return batch;
  }

  @Override
  public OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    decoded.forEach(Batch::close);
    decoded.clear();
    split = splits.size();
  }
}
