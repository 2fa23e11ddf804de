package dev.sluice.executors.sink;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.batch.BatchCodec;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/** Sends every batch back to the driver as Arrow IPC. */
public final class CollectSink implements ResultSink {
  private final BufferAllocator allocator;
  private long rows;

  public CollectSink(BufferAllocator allocator) {
    this.allocator = allocator;
  }

  @Override
  public byte[] drain(Operator input, OperatorContext context) {
    List<Batch> batches = new ArrayList<>();
    try {
      for (Batch batch = input.next(); batch != null; batch = input.next()) {
        if (batch.rowCount() == 0) {
          batch.close();
        } else {
          rows += batch.rowCount();
          batches.add(batch);
        }
      }
      return BatchCodec.encode(batches, allocator);
    } finally {
      batches.forEach(Batch::close);
    }
  }

  @Override
  public long rows() {
    return rows;
  }
}
