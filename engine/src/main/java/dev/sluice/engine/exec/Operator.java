package dev.sluice.engine.exec;

import dev.sluice.engine.batch.Batch;

/**
 * A physical operator as it runs inside one task: a pull-based stream of batches.
 *
 * <p>Call protocol, method by method:
 *
 * <ol>
 *   <li>{@link #next()} — returns the next batch, or {@code null} once the operator is exhausted;
 *       after {@code null} every further call returns {@code null}. The caller owns each returned
 *       batch and must close it. Operators pull from their inputs inside {@code next()}.
 *   <li>{@link #close()} — frees everything the operator holds, including batches it pulled but
 *       did not hand on and its inputs; may be called before the stream is exhausted (a limit
 *       stops early) and more than once.
 * </ol>
 *
 * <p>WARNING: an operator must never hand out a batch it still writes to, nor keep a reference to
 * a batch it handed out: ownership moves with the batch.
 */
public interface Operator extends AutoCloseable {
  /** The next batch (owned by the caller from now on), or {@code null} when exhausted. */
  Batch next();

  /** Counters of this operator, updated as it runs. */
  OperatorMetrics metrics();

  @Override
  void close();
}
