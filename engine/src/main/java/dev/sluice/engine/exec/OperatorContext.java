package dev.sluice.engine.exec;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What an operator gets from the task it runs in.
 *
 * @param taskName names the task in allocators and errors, e.g. {@code job-3/stage-0/task-7.1}
 * @param allocator the task's child allocator; closing it after the task proves nothing leaked
 * @param batchRows rows per batch of row-encoded data
 * @param longBatchRows rows per batch of primitive long data
 * @param memoryBudgetBytes how much memory the task's stateful operators (hash tables, sort
 *     buffers) may hold before they spill to disk
 * @param spillDirectory where they spill; the executor removes it with the session
 * @param counters the task's counters reported in its metrics
 */
public record OperatorContext(String taskName, BufferAllocator allocator, int batchRows, int longBatchRows,
    long memoryBudgetBytes, Path spillDirectory, TaskCounters counters) {
  public OperatorContext {
    requireNonNull(counters, "counters is null");
    requireNonNull(taskName, "taskName is null");
    requireNonNull(allocator, "allocator is null");
    requireNonNull(spillDirectory, "spillDirectory is null");
    if (batchRows < 1 || longBatchRows < 1) {
      throw new IllegalArgumentException("batch sizes must be at least 1");
    }
    if (memoryBudgetBytes < 1) {
      throw new IllegalArgumentException("memoryBudgetBytes must be at least 1, got " + memoryBudgetBytes);
    }
  }

  /** A context with fresh counters. */
  public OperatorContext(String taskName, BufferAllocator allocator, int batchRows, int longBatchRows,
      long memoryBudgetBytes, Path spillDirectory) {
    this(taskName, allocator, batchRows, longBatchRows, memoryBudgetBytes, spillDirectory, new TaskCounters());
  }

  /** A context for tests and tools: a large budget, spilling under the system temporary directory. */
  public static OperatorContext of(String taskName, BufferAllocator allocator, int batchRows, int longBatchRows) {
    return new OperatorContext(taskName, allocator, batchRows, longBatchRows, Long.MAX_VALUE,
        Path.of(System.getProperty("java.io.tmpdir")));
  }

  /** Throws if the task was cancelled (its thread interrupted); operators call it once per batch. */
  public void checkCancelled() {
    if (Thread.currentThread().isInterrupted()) {
      throw new EngineException(ErrorCode.JOB_CANCELLED, "Task " + taskName + " was cancelled");
    }
  }
}
