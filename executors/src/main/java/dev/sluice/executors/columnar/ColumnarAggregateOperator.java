package dev.sluice.executors.columnar;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.plan.physical.ColumnarAggregateExec;

/** Hash aggregation over columns (partial, final or complete). NOT BUILT YET: placeholder so that the factory compiles. */
public final class ColumnarAggregateOperator implements Operator {
  public ColumnarAggregateOperator(ColumnarAggregateExec node, Operator child, OperatorContext context) {
    throw new UnsupportedOperationException("ColumnarAggregateOperator is not built yet");
  }

  @Override
  public Batch next() {
    return null;
  }

  @Override
  public OperatorMetrics metrics() {
    return null;
  }

  @Override
  public void close() {}
}
