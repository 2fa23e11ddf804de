package dev.sluice.executors.operator;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.plan.Origin;
import dev.sluice.engine.plan.physical.MapPartitionsExec;
import java.util.Iterator;

/**
 * Calls the user function once with an iterator over the whole partition and encodes what its
 * iterator returns. Both sides stream: input batches are decoded as the function pulls rows, and
 * output is encoded a batch at a time.
 */
public final class MapPartitionsOperator implements Operator {
  private static final Origin ORIGIN = new Origin("mapPartitions", "user function");

  private final MapPartitionsExec node;
  private final Operator input;
  private final OperatorContext context;
  private final EncodedRows output;
  private final OperatorMetrics metrics = new OperatorMetrics("MapPartitions");
  private Iterator<Object> results;
  private boolean done;

  public MapPartitionsOperator(MapPartitionsExec node, Operator input, OperatorContext context) {
    this.node = node;
    this.input = input;
    this.context = context;
    this.output = new EncodedRows(node.rowClass(), context);
  }

  @Override
  public Batch next() {
    if (results == null && !done) {
      RowIterator rows = new RowIterator(input, context);
      results = UserFunctionException.call(ORIGIN, () -> node.function().call(rows));
    }
    context.checkCancelled();
    while (!output.hasReady() && !done) {
      if (results != null && UserFunctionException.call(ORIGIN, results::hasNext)) {
        output.add(UserFunctionException.call(ORIGIN, results::next));
      } else {
        done = true;
        output.finish();
      }
    }
    Batch batch = output.poll();
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
    output.close();
    input.close();
  }
}
