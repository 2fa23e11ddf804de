package dev.sluice.executors.operator;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.plan.Origin;
import dev.sluice.engine.plan.physical.LongMapToObjExec;
import org.apache.arrow.vector.BigIntVector;

/** Maps each primitive long to an object and encodes the objects into batches. */
public final class LongMapToObjOperator implements Operator {
  private static final Origin ORIGIN = new Origin("mapToObj", "user function");

  private final LongMapToObjExec node;
  private final Operator input;
  private final OperatorContext context;
  private final EncodedRows output;
  private final OperatorMetrics metrics = new OperatorMetrics("LongMapToObj");
  private boolean inputDone;

  public LongMapToObjOperator(LongMapToObjExec node, Operator input, OperatorContext context) {
    this.node = node;
    this.input = input;
    this.context = context;
    this.output = new EncodedRows(node.rowClass(), context);
  }

  @Override
  public Batch next() {
    while (!output.hasReady() && !inputDone) {
      Batch batch = input.next();
      if (batch == null) {
        inputDone = true;
        output.finish();
        break;
      }
      try (batch) {
        context.checkCancelled();
        BigIntVector longs = LongPipelineOperator.longColumn(batch);
        for (int i = 0; i < batch.rowCount(); i++) {
          Object mapped = null;
          if (!longs.isNull(i)) {
            long value = longs.get(i);
            mapped = UserFunctionException.call(ORIGIN, () -> node.function().call(value));
          }
          output.add(mapped);
        }
      }
    }
    Batch out = output.poll();
    if (out != null) {
      metrics.recordOutput(out.rowCount());
    }
    return out;
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
