package dev.sluice.executors.operator;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.batch.LongVectors;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.plan.physical.RangeScanExec;
import dev.sluice.engine.plan.split.RangeSplit;
import dev.sluice.engine.types.DataType;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.LongData;
import dev.sluice.engine.vector.VectorBatch;
import dev.sluice.executors.columnar.VectorProducer;
import java.util.List;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Produces the numbers of its range splits as int64 batches of up to {@code longBatchRows} rows,
 * written straight into the data buffer (no per-value bounds checks), or as Java arrays to a columnar
 * consumer in the same task ({@link VectorProducer}).
 */
public final class RangeScanOperator implements Operator, VectorProducer {
  /** The one column, as the Arrow batches name it. */
  private static final Schema SCHEMA = new Schema(List.of(new Field("value", DataType.INT64)));

  private final OperatorContext context;
  private final List<RangeSplit> splits;
  private final OperatorMetrics metrics = new OperatorMetrics("RangeScan");
  private int split;
  private long produced;

  public RangeScanOperator(RangeScanExec node, OperatorContext context) {
    this.context = context;
    this.splits = node.splits();
  }

  @Override
  public Batch next() {
    while (split < splits.size() && produced == splits.get(split).count()) {
      split++;
      produced = 0;
    }
    if (split == splits.size()) {
      return null;
    }
    context.checkCancelled();
    long start = System.nanoTime();
    RangeSplit range = splits.get(split);
    int rows = (int) Math.min(context.longBatchRows(), range.count() - produced);
    BigIntVector vector = LongVectors.allocateAllValid("value", rows, context.allocator());
    long address = vector.getDataBuffer().memoryAddress();
    long value = range.first() + produced * range.step();
    long step = range.step();
    for (int i = 0; i < rows; i++) {
      MemoryUtil.putLong(address + ((long) i << 3), value);
      value += step;
    }
    produced += rows;
    metrics.recordOutput(rows);
    metrics.addNanos(System.nanoTime() - start);
    return new Batch(VectorSchemaRoot.of(vector));
  }

  /** The next numbers as a Java array (for a columnar consumer in the same task), or null at the end. */
  @Override
  public VectorBatch nextVectors() {
    while (split < splits.size() && produced == splits.get(split).count()) {
      split++;
      produced = 0;
    }
    if (split == splits.size()) {
      return null;
    }
    context.checkCancelled();
    long start = System.nanoTime();
    RangeSplit range = splits.get(split);
    int rows = (int) Math.min(context.longBatchRows(), range.count() - produced);
    long[] values = new long[rows];
    long value = range.first() + produced * range.step();
    long step = range.step();
    for (int i = 0; i < rows; i++) {
      values[i] = value;
      value += step;
    }
    produced += rows;
    metrics.recordOutput(rows);
    metrics.addNanos(System.nanoTime() - start);
    return new VectorBatch(SCHEMA, List.of(new LongData(DataType.INT64, values, null, rows)), rows);
  }

  @Override
  public OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    split = splits.size();
  }
}
