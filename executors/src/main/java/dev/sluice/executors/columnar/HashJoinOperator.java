package dev.sluice.executors.columnar;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.plan.physical.HashJoinExec;

/** Hash join of two columnar inputs. NOT BUILT YET: placeholder so that the factory compiles. */
public final class HashJoinOperator implements Operator {
  public HashJoinOperator(HashJoinExec node, Operator left, Operator right, OperatorContext context) {
    throw new UnsupportedOperationException("HashJoinOperator is not built yet");
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
