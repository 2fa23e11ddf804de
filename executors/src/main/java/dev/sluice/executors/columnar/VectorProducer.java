package dev.sluice.executors.columnar;

import dev.sluice.engine.vector.VectorBatch;

/**
 * A columnar operator that can hand its rows to a consumer in the same task as a
 * {@link VectorBatch}, skipping the Arrow write and read between them (the columnar counterpart of
 * {@link dev.sluice.executors.operator.RowProducer}): a file scan or a filter/project feeding a
 * filter/project or a partial aggregate. Between tasks and at every other boundary data is Arrow.
 *
 * <p>A consumer uses either {@link #nextVectors()} or {@code next()}, never both. The batches hold
 * no Arrow memory, so the consumer has nothing to close.
 */
public interface VectorProducer {
  /** The next non-empty batch, with the operator's output schema, or null once exhausted. */
  VectorBatch nextVectors();
}
