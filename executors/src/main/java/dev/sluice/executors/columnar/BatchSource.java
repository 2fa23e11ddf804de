package dev.sluice.executors.columnar;

import dev.sluice.engine.vector.VectorBatch;

/** A stream of columnar batches inside an operator (an input operator's, or a spill file's). */
interface BatchSource extends AutoCloseable {
  /** The next batch with at least one row, or null at the end. */
  VectorBatch next();

  /** Frees what the source holds; safe to call more than once. */
  @Override
  void close();
}
