package dev.sluice.executors.source;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.plan.physical.FileScanExec;

/** Reads one split of Parquet, CSV, JSON or text files as Arrow batches of the scan's columns. NOT BUILT YET: placeholder so that the factory compiles. */
public final class FileScanOperator implements Operator {
  public FileScanOperator(FileScanExec node, OperatorContext context) {
    throw new UnsupportedOperationException("FileScanOperator is not built yet");
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
