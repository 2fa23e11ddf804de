package dev.sluice.executors.operator;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.batch.LongVectors;
import dev.sluice.engine.encoding.Encoders;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.plan.Origin;
import dev.sluice.engine.plan.physical.MapToLongExec;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Maps each decoded row to a primitive long, producing one int64 batch per input batch. */
public final class MapToLongOperator implements Operator {
  private static final Origin ORIGIN = new Origin("mapToLong", "user function");

  private final MapToLongExec node;
  private final Operator input;
  private final OperatorContext context;
  private final OperatorMetrics metrics = new OperatorMetrics("MapToLong");

  public MapToLongOperator(MapToLongExec node, Operator input, OperatorContext context) {
    this.node = node;
    this.input = input;
    this.context = context;
  }

  @Override
  public Batch next() {
    Object[] rows = RowBatches.next(input, context);
    if (rows == null) {
      return null;
    }
    BigIntVector vector = LongVectors.allocateAllValid("value", rows.length, context.allocator());
    try {
      for (int i = 0; i < rows.length; i++) {
        Object row = rows[i];
        vector.set(i, UserFunctionException.call(ORIGIN, () -> node.function().call(row)));
      }
    } catch (RuntimeException e) {
      vector.close();
      throw e;
    }
    metrics.recordOutput(rows.length);
    return new Batch(VectorSchemaRoot.of(vector));
  }

  @Override
  public OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    input.close();
  }
}
