package dev.sluice.executors.sink;

import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;

/**
 * The per-partition half of an action, run at the root of a result task: drains the task's
 * operator tree and returns the bytes the driver combines (see the {@code TaskSink} variants for
 * each format).
 */
public interface ResultSink {
  /**
   * Pulls every batch from {@code input}, closing each, and returns the answer for the driver;
   * {@code context} is the task's (allocator, batch sizes, cancellation).
   */
  byte[] drain(Operator input, OperatorContext context);

  /** Rows that reached the sink. */
  long rows();
}
