package dev.sluice.executors.columnar;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.plan.physical.FilterProjectExec;

/** Filter then project each batch with the vectorized expression kernels. NOT BUILT YET: placeholder so that the factory compiles. */
public final class FilterProjectOperator implements Operator {
  public FilterProjectOperator(FilterProjectExec node, Operator child, OperatorContext context) {
    throw new UnsupportedOperationException("FilterProjectOperator is not built yet");
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
