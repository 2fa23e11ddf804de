package dev.sluice.executors.operator;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.plan.physical.RowPipelineExec;
import dev.sluice.engine.plan.physical.RowStep;
import java.util.ArrayList;
import java.util.Iterator;

/**
 * Runs a fused chain of per-row user functions: decodes each input batch once, passes every row
 * through the map, flatMap and filter steps in order, and encodes the survivors into output
 * batches of up to {@code batchRows} rows — or, for a consumer in the same task that needs objects,
 * hands them over unencoded ({@link RowProducer}).
 */
public final class RowPipelineOperator implements Operator, RowProducer {
  private final Operator input;
  private final OperatorContext context;
  private final RowStep[] steps;
  private final EncodedRows output;
  private final OperatorMetrics metrics = new OperatorMetrics("RowPipeline");
  private ArrayList<Object> produced = new ArrayList<>();
  private boolean inputDone;
  private boolean outputDone;

  public RowPipelineOperator(RowPipelineExec node, Operator input, OperatorContext context) {
    this.input = input;
    this.context = context;
    this.steps = node.steps().toArray(new RowStep[0]);
    this.output = new EncodedRows(node.rowClass(), context);
  }

  @Override
  public Batch next() {
    while (!output.hasReady() && !outputDone) {
      Object[] rows = nextRows();
      if (rows == null) {
        outputDone = true;
        output.finish();
      } else {
        for (Object row : rows) {
          output.add(row);
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
  public Object[] nextRows() {
    while (produced.size() < context.batchRows() && !inputDone) {
      Object[] rows = RowBatches.next(input, context);
      long start = System.nanoTime();
      if (rows == null) {
        inputDone = true;
      } else {
        for (Object row : rows) {
          emit(row, 0);
        }
      }
      metrics.addNanos(System.nanoTime() - start);
    }
    if (produced.isEmpty()) {
      return null;
    }
    Object[] rows = produced.toArray();
    produced = new ArrayList<>(Math.max(16, rows.length));
    return rows;
  }

  @SuppressWarnings("unchecked")
  private void emit(Object row, int step) {
    if (step == steps.length) {
      produced.add(row);
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
    produced.clear();
    output.close();
    input.close();
  }
}
