package dev.sluice.engine.plan.physical;

import dev.sluice.engine.types.Schema;

/**
 * A node of the columnar (DataFrame) path: it knows the columns it produces. Its operator reads
 * and writes Arrow batches of exactly these columns; expressions in it are resolved against its
 * input's columns ({@link dev.sluice.engine.expr.BoundRef} indexes).
 */
public interface ColumnarExec {
  Schema schema();
}
