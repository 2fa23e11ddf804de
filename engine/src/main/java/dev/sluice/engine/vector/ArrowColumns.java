package dev.sluice.engine.vector;

import dev.sluice.engine.batch.Batch;
import org.apache.arrow.memory.BufferAllocator;

/** Converts between Arrow batches and {@link VectorBatch}es. PLACEHOLDER: to be built. */
public final class ArrowColumns {
  private ArrowColumns() {}

  /** The columns of an Arrow batch (the batch stays owned by the caller). */
  public static VectorBatch read(Batch batch) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** A new Arrow batch (owned by the caller) holding the columns, with the batch's schema. */
  public static Batch write(VectorBatch batch, BufferAllocator allocator) {
    throw new UnsupportedOperationException("not built yet");
  }
}
