package dev.sluice.executors.operator;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.encoding.Encoders;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;

/** Reads an operator's output as arrays of row objects, one batch at a time. */
public final class RowBatches {
  private RowBatches() {}

  /**
   * The rows of the input's next batch (decoded by the batch's own encoding, the batch closed), or
   * the next rows of a {@link RowProducer} without encoding; null once the input is exhausted.
   */
  public static Object[] next(Operator input, OperatorContext context) {
    if (input instanceof RowProducer producer) {
      context.checkCancelled();
      return producer.nextRows();
    }
    Batch batch = input.next();
    if (batch == null) {
      return null;
    }
    try (batch) {
      context.checkCancelled();
      return Encoders.decoderFor(batch.arrowSchema()).decode(batch);
    }
  }
}
