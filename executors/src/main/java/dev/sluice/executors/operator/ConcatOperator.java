package dev.sluice.executors.operator;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorMetrics;
import java.util.List;

/**
 * The batches of its inputs, one input after another: a union within one task, or the input
 * partitions a coalesced partition groups. Each input is closed as soon as it is exhausted.
 */
public final class ConcatOperator implements Operator {
  private final List<Operator> inputs;
  private final OperatorMetrics metrics = new OperatorMetrics("Concat");
  private int current;

  public ConcatOperator(List<Operator> inputs) {
    this.inputs = List.copyOf(inputs);
  }

  @Override
  public Batch next() {
    while (current < inputs.size()) {
      Batch batch = inputs.get(current).next();
      if (batch != null) {
        metrics.recordOutput(batch.rowCount());
        return batch;
      }
      inputs.get(current++).close();
    }
    return null;
  }

  @Override
  public OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    for (; current < inputs.size(); current++) {
      inputs.get(current).close();
    }
  }
}
