package dev.sluice.executors.columnar;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.plan.physical.ColumnarSortExec;

/** Sorts (or keeps the top N of) the rows of one partition. NOT BUILT YET: placeholder so that the factory compiles. */
public final class ColumnarSortOperator implements Operator {
  public ColumnarSortOperator(ColumnarSortExec node, Operator child, OperatorContext context) {
    throw new UnsupportedOperationException("ColumnarSortOperator is not built yet");
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
