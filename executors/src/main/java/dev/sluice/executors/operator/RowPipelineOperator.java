package dev.sluice.executors.operator;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.error.EngineException;
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
  /** Marks a row a filter dropped (or a flatMap that returned an iterator instead of a row). */
  private static final Object FILTERED_OUT = new Object();

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
    return output.poll();
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
    // counted here, where both ways out (batches from next(), objects to a RowProducer consumer) pass
    metrics.recordOutput(rows.length);
    return rows;
  }

  /**
   * Runs {@code row} through the steps from {@code step} on. User functions are called directly
   * (no capturing lambda per row on this hot path); what they throw is wrapped with the step's
   * origin once, at the step that threw.
   */
  private void emit(Object row, int step) {
    if (step == steps.length) {
      produced.add(row);
      return;
    }
    RowStep current = steps[step];
    Object result;
    Iterator<Object> results = null;
    try {
      if (current instanceof RowStep.Map map) {
        result = map.function().call(row);
      } else if (current instanceof RowStep.Filter filter) {
        result = filter.function().call(row) ? row : FILTERED_OUT;
      } else {
        result = FILTERED_OUT;
        results = ((RowStep.FlatMap) current).function().call(row);
      }
    } catch (UserFunctionException | EngineException e) {
      throw e;
    } catch (Exception e) {
      throw new UserFunctionException(current.origin(), e);
    }
    if (result != FILTERED_OUT) {
      emit(result, step + 1);
    } else if (results != null) {
      while (true) {
        Object next;
        try {
          if (!results.hasNext()) {
            break;
          }
          next = results.next();
        } catch (RuntimeException e) {
          throw e instanceof UserFunctionException ? e : new UserFunctionException(current.origin(), e);
        }
        emit(next, step + 1);
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
