package dev.sluice.executors.operator;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.encoding.Encoders;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.plan.physical.RowPipelineExec;
import dev.sluice.engine.plan.physical.RowStep;
import java.util.Iterator;
import java.util.List;

/**
 * Runs a fused chain of per-row user functions: decodes each input batch once, passes every row
 * through the map, flatMap and filter steps in order, and encodes the survivors into output
 * batches of up to {@code batchRows} rows.
 */
public final class RowPipelineOperator implements Operator {
  private final Operator input;
  private final OperatorContext context;
  private final RowStep[] steps;
  private final EncodedRows output;
  private final OperatorMetrics metrics = new OperatorMetrics("RowPipeline");
  private boolean inputDone;

  public RowPipelineOperator(RowPipelineExec node, Operator input, OperatorContext context) {
    this.input = input;
    this.context = context;
    List<RowStep> list = node.steps();
    this.steps = list.toArray(new RowStep[0]);
    this.output = new EncodedRows(node.rowClass(), context);
  }

  @Override
  public Batch next() {
    while (!output.hasReady() && !inputDone) {
      Batch batch = input.next();
      long start = System.nanoTime();
      if (batch == null) {
        inputDone = true;
        output.finish();
      } else {
        Object[] rows;
        try (batch) {
          context.checkCancelled();
          rows = Encoders.decoderFor(batch.arrowSchema()).decode(batch);
        }
        for (Object row : rows) {
          emit(row, 0);
        }
      }
      metrics.addNanos(System.nanoTime() - start);
    }
    Batch out = output.poll();
    if (out != null) {
      metrics.recordOutput(out.rowCount());
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private void emit(Object row, int step) {
    if (step == steps.length) {
      output.add(row);
      return;
    }
    RowStep current = steps[step];
    if (current instanceof RowStep.Map map) {
      emit(UserFunctionException.call(map.origin(), () -> map.function().call(row)), step + 1);
    } else if (current instanceof RowStep.Filter filter) {
      if (UserFunctionException.call(filter.origin(), () -> filter.function().call(row))) {
        emit(row, step + 1);
      }
    } else {
      RowStep.FlatMap flatMap = (RowStep.FlatMap) current;
      Iterator<Object> results = UserFunctionException.call(flatMap.origin(), () -> flatMap.function().call(row));
      if (results != null) {
        while (UserFunctionException.call(flatMap.origin(), results::hasNext)) {
          emit(UserFunctionException.call(flatMap.origin(), results::next), step + 1);
        }
      }
    }
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
