package dev.sluice.engine.vector;

/** A resolved expression ready to evaluate over batches; thread-confined (kernels may reuse buffers). */
public interface CompiledExpression {
  /** The value of the expression for every row of the batch, as a column of {@code input.rowCount()} rows. */
  ColumnData evaluate(VectorBatch input);
}
