package dev.sluice.executors.operator;

/**
 * An operator that can hand its rows to a consumer in the same task as Java objects, skipping an
 * Arrow encode and decode (the typed-pipeline counterpart of whole-stage fusion). Between tasks and
 * stages data is always Arrow; this only short-cuts a {@link RowPipelineOperator} feeding an
 * operator that needs objects anyway (aggregation, grouping, sorting, shuffle writing, row sinks).
 *
 * <p>A consumer uses either {@link #nextRows()} or {@code next()}, never both.
 */
public interface RowProducer {
  /** The next rows, or null once exhausted. The caller owns the array. */
  Object[] nextRows();
}
