package dev.sluice.executors.operator;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.plan.physical.LocalLimitExec;

/**
 * The first {@code count} rows of its input. It stops pulling, and closes its input, as soon as
 * it has them, so upstream work ends early; the last batch is cut to size.
 */
public final class LocalLimitOperator implements Operator {
  private final Operator input;
  private final OperatorMetrics metrics = new OperatorMetrics("LocalLimit");
  private long remaining;
  private boolean inputClosed;

  public LocalLimitOperator(LocalLimitExec node, Operator input) {
    this.input = input;
    this.remaining = node.count();
  }

  @Override
  public Batch next() {
    if (remaining == 0) {
      closeInput();
      return null;
    }
    Batch batch = input.next();
    if (batch == null) {
      remaining = 0;
      return null;
    }
    if (batch.rowCount() > remaining) {
      batch.root().setRowCount((int) remaining);
    }
    remaining -= batch.rowCount();
    metrics.recordOutput(batch.rowCount());
    return batch;
  }

  private void closeInput() {
    if (!inputClosed) {
      inputClosed = true;
      input.close();
    }
  }

  @Override
  public OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    closeInput();
  }
}
