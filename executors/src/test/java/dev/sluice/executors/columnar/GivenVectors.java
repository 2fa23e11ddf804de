package dev.sluice.executors.columnar;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.VectorBatch;

/**
 * A test source over another operator that also hands its batches over as Java arrays
 * ({@link VectorProducer}), reading each Arrow batch and closing it, so consumers take that path.
 */
public final class GivenVectors implements Operator, VectorProducer {
  private final Operator input;
  private int vectorBatches;

  public GivenVectors(Operator input) {
    this.input = input;
  }

  /** How many batches went out through {@link #nextVectors()}. */
  public int vectorBatches() {
    return vectorBatches;
  }

  @Override
  public VectorBatch nextVectors() {
    while (true) {
      Batch batch = input.next();
      if (batch == null) {
        return null;
      }
      try (batch) {
        if (batch.rowCount() > 0) {
          vectorBatches++;
          return ArrowColumns.read(batch);
        }
      }
    }
  }

  @Override
  public Batch next() {
    return input.next();
  }

  @Override
  public OperatorMetrics metrics() {
    return input.metrics();
  }

  @Override
  public void close() {
    input.close();
  }
}
