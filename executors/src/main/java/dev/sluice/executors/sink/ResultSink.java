package dev.sluice.executors.sink;

import dev.sluice.engine.exec.Operator;

/**
 * The per-partition half of an action, run at the root of a result task: drains the task's
 * operator tree and returns the bytes the driver combines (see the {@code TaskSink} variants for
 * each format).
 */
public interface ResultSink {
  /** Pulls every batch from {@code input}, closing each, and returns the answer for the driver. */
  byte[] drain(Operator input);

  /** Rows that reached the sink. */
  long rows();
}
