package dev.sluice.executors.sink;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import java.nio.ByteBuffer;

/** Counts rows; sends back the count as 8 big-endian bytes. */
public final class CountSink implements ResultSink {
  private long rows;

  @Override
  public byte[] drain(Operator input, OperatorContext context) {
    for (Batch next = input.next(); next != null; next = input.next()) {
      try (Batch batch = next) {
        rows += batch.rowCount();
      }
    }
    return ByteBuffer.allocate(Long.BYTES).putLong(rows).array();
  }

  @Override
  public long rows() {
    return rows;
  }
}
