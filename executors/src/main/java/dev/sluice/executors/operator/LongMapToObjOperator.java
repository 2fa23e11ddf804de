package dev.sluice.executors.operator;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.encoding.RowBatchWriter;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.plan.Origin;
import dev.sluice.engine.plan.physical.LongMapToObjExec;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.arrow.vector.BigIntVector;

/** Maps each primitive long to an object and encodes the objects into batches. */
public final class LongMapToObjOperator implements Operator {
  private static final Origin ORIGIN = new Origin("mapToObj", "user function");

  private final LongMapToObjExec node;
  private final Operator input;
  private final OperatorContext context;
  private final RowBatchWriter writer;
  private final Deque<Batch> ready = new ArrayDeque<>();
  private final OperatorMetrics metrics = new OperatorMetrics("LongMapToObj");
  private boolean inputDone;

  public LongMapToObjOperator(LongMapToObjExec node, Operator input, OperatorContext context) {
    this.node = node;
    this.input = input;
    this.context = context;
    this.writer = new RowBatchWriter(node.rowClass(), context.batchRows(), context.allocator());
  }

  @Override
  public Batch next() {
    while (ready.isEmpty() && !inputDone) {
      Batch batch = input.next();
      if (batch == null) {
        inputDone = true;
        Batch last = writer.flush();
        if (last != null) {
          ready.add(last);
        }
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
          if (writer.add(mapped)) {
            ready.add(writer.flush());
          }
        }
      }
    }
    Batch out = ready.poll();
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
    ready.forEach(Batch::close);
    ready.clear();
    Batch pending = writer.flush();
    if (pending != null) {
      pending.close();
    }
    input.close();
  }
}
