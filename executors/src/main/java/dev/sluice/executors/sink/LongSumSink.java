package dev.sluice.executors.sink;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import java.nio.ByteBuffer;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BigIntVector;

/**
 * Sums an int64 column with Java's wrapping arithmetic, reading the data buffer by address; sends
 * back the sum and the number of non-null values as 16 big-endian bytes.
 */
public final class LongSumSink implements ResultSink {
  private long rows;

  @Override
  public byte[] drain(Operator input, OperatorContext context) {
    long sum = 0;
    long count = 0;
    for (Batch next = input.next(); next != null; next = input.next()) {
      try (Batch batch = next) {
        BigIntVector vector = (BigIntVector) batch.root().getVector(0);
        int n = batch.rowCount();
        long address = vector.getDataBuffer().memoryAddress();
        rows += n;
        if (vector.getNullCount() == 0) {
          for (int i = 0; i < n; i++) {
            sum += MemoryUtil.getLong(address + ((long) i << 3));
          }
          count += n;
        } else {
          for (int i = 0; i < n; i++) {
            if (!vector.isNull(i)) {
              sum += MemoryUtil.getLong(address + ((long) i << 3));
              count++;
            }
          }
        }
      }
    }
    return ByteBuffer.allocate(2 * Long.BYTES).putLong(sum).putLong(count).array();
  }

  @Override
  public long rows() {
    return rows;
  }
}
