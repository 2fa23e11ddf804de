package dev.sluice.executors.operator;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.function.LongFilterFunction;
import dev.sluice.engine.function.LongMapFunction;
import dev.sluice.engine.plan.physical.LongPipelineExec;
import dev.sluice.engine.plan.physical.LongStep;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Runs fused primitive-long maps and filters over an int64 column, in place: the batch it receives
 * is its own, so maps overwrite values and filters compact them, reading and writing the data
 * buffer by address. Null values (possible only in data that came from objects) are kept by maps
 * and dropped by filters.
 */
public final class LongPipelineOperator implements Operator {
  private final Operator input;
  private final OperatorContext context;
  private final LongStep[] steps;
  private final OperatorMetrics metrics = new OperatorMetrics("LongPipeline");

  public LongPipelineOperator(LongPipelineExec node, Operator input, OperatorContext context) {
    this.input = input;
    this.context = context;
    this.steps = node.steps().toArray(new LongStep[0]);
  }

  @Override
  public Batch next() {
    Batch batch = input.next();
    if (batch == null) {
      return null;
    }
    long start = System.nanoTime();
    try {
      context.checkCancelled();
      BigIntVector vector = longColumn(batch);
      int rows = vector.getValueCount();
      for (LongStep step : steps) {
        rows = step instanceof LongStep.Map map
            ? applyMap(vector, rows, map.function())
            : applyFilter(vector, rows, ((LongStep.Filter) step).function());
      }
      batch.root().setRowCount(rows);
    } catch (RuntimeException e) {
      batch.close();
      throw e;
    }
    metrics.recordOutput(batch.rowCount());
    metrics.addNanos(System.nanoTime() - start);
    return batch;
  }

  static BigIntVector longColumn(Batch batch) {
    FieldVector vector = batch.root().getFieldVectors().isEmpty() ? null : batch.root().getVector(0);
    if (!(vector instanceof BigIntVector longs) || batch.root().getFieldVectors().size() != 1) {
      throw new EngineException(ErrorCode.INTERNAL,
          "Expected one int64 column in a long dataset, got " + batch.arrowSchema().getFields());
    }
    return longs;
  }

  private static int applyMap(BigIntVector vector, int rows, LongMapFunction function) {
    long address = vector.getDataBuffer().memoryAddress();
    if (vector.getNullCount() == 0) {
      for (int i = 0; i < rows; i++) {
        long at = address + ((long) i << 3);
        MemoryUtil.putLong(at, function.call(MemoryUtil.getLong(at)));
      }
    } else {
      for (int i = 0; i < rows; i++) {
        if (!vector.isNull(i)) {
          long at = address + ((long) i << 3);
          MemoryUtil.putLong(at, function.call(MemoryUtil.getLong(at)));
        }
      }
    }
    return rows;
  }

  private static int applyFilter(BigIntVector vector, int rows, LongFilterFunction function) {
    long address = vector.getDataBuffer().memoryAddress();
    boolean hasNulls = vector.getNullCount() > 0;
    int kept = 0;
    for (int i = 0; i < rows; i++) {
      if (hasNulls && vector.isNull(i)) {
        continue;
      }
      long value = MemoryUtil.getLong(address + ((long) i << 3));
      if (function.call(value)) {
        MemoryUtil.putLong(address + ((long) kept << 3), value);
        kept++;
      }
    }
    if (hasNulls) {
      vector.getValidityBuffer().setZero(0, vector.getValidityBuffer().capacity());
    }
    vector.getValidityBuffer().setOne(0, kept / 8);
    for (int i = kept / 8 * 8; i < kept; i++) {
      vector.setIndexDefined(i);
    }
    return kept;
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
