package dev.sluice.executors.runtime;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.scheduler.protocol.TaskKey;

/**
 * What building one task's operators needs: the operators' own context and the executor's.
 *
 * @param operator allocator, batch sizes, memory budget, spill directory
 * @param executor the executor's shared environment (shuffle files, map outputs)
 * @param key the task
 * @param attempt the attempt number
 */
public record TaskContext(OperatorContext operator, ExecutorEnvironment executor, TaskKey key, int attempt) {
  public TaskContext {
    requireNonNull(operator, "operator is null");
    requireNonNull(executor, "executor is null");
    requireNonNull(key, "key is null");
  }
}
