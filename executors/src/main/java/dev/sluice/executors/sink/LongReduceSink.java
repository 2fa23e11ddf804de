package dev.sluice.executors.sink;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.function.LongReduceFunction;
import java.nio.ByteBuffer;
import org.apache.arrow.vector.BigIntVector;

/**
 * Reduces an int64 column with a primitive function; sends back 8 big-endian bytes, or none for
 * an empty partition.
 */
public final class LongReduceSink implements ResultSink {
  private final LongReduceFunction function;
  private long rows;

  public LongReduceSink(LongReduceFunction function) {
    this.function = function;
  }

  @Override
  public byte[] drain(Operator input, OperatorContext context) {
    boolean present = false;
    long accumulator = 0;
    for (Batch next = input.next(); next != null; next = input.next()) {
      try (Batch batch = next) {
        BigIntVector vector = (BigIntVector) batch.root().getVector(0);
        for (int i = 0; i < batch.rowCount(); i++) {
          if (vector.isNull(i)) {
            continue;
          }
          long value = vector.get(i);
          accumulator = present ? function.call(accumulator, value) : value;
          present = true;
          rows++;
        }
      }
    }
    return present ? ByteBuffer.allocate(Long.BYTES).putLong(accumulator).array() : new byte[0];
  }

  @Override
  public long rows() {
    return rows;
  }
}
