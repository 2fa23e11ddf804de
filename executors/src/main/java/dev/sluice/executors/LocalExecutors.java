package dev.sluice.executors;

import static java.util.Objects.requireNonNull;

import dev.sluice.executors.actor.ExecutorAgent;
import dev.sluice.executors.runtime.ExecutorEnvironment;
import dev.sluice.executors.runtime.TaskRunner;
import java.nio.file.Path;
import dev.sluice.scheduler.SchedulerSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The executors of local mode, in the driver's process: {@code executors} executor agents with
 * {@code slotsPerExecutor} slots each, each with its own pool of task threads, all sharing the
 * process's root allocator. Closing interrupts running tasks and waits for their threads.
 */
public final class LocalExecutors implements AutoCloseable {
  private static final long SHUTDOWN_SECONDS = 30;

  private final List<ExecutorService> pools = new ArrayList<>();

  /**
   * Starts the executors and registers them with the scheduler's broker.
   *
   * @param scheduler the session's scheduler
   * @param root the process's root allocator
   * @param executors how many executors, at least 1
   * @param slotsPerExecutor tasks each runs at once, at least 1
   * @param batchRows rows per batch for row-encoded data
   * @param longBatchRows rows per batch for primitive long data
   * @param memoryBudgetBytes memory a task's stateful operators may hold before spilling
   * @param workDirectory where executors keep shuffle files and spills, one subdirectory each
   */
  public LocalExecutors(SchedulerSystem scheduler, BufferAllocator root, int executors, int slotsPerExecutor,
      int batchRows, int longBatchRows, long memoryBudgetBytes, Path workDirectory) {
    requireNonNull(scheduler, "scheduler is null");
    if (executors < 1 || slotsPerExecutor < 1) {
      throw new IllegalArgumentException("executors and slots must be at least 1, got " + executors + " and "
          + slotsPerExecutor);
    }
    ClassLoader applicationLoader = Thread.currentThread().getContextClassLoader();
    for (int i = 0; i < executors; i++) {
      String executorId = "executor-" + i;
      TaskRunner runner = new TaskRunner(root, batchRows, longBatchRows, memoryBudgetBytes,
          new ExecutorEnvironment(executorId, workDirectory.resolve(executorId), scheduler.mapOutputs()));
      ExecutorService pool = Executors.newFixedThreadPool(slotsPerExecutor,
          taskThreads(executorId, applicationLoader));
      pools.add(pool);
      scheduler.spawn(ExecutorAgent.create(executorId, slotsPerExecutor, scheduler.broker(), runner, pool),
          executorId);
    }
  }

  /** Daemon task threads that load user classes through the application's class loader. */
  private static ThreadFactory taskThreads(String executorId, ClassLoader applicationLoader) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "sluice-" + executorId + "-task-" + count.getAndIncrement());
      thread.setDaemon(true);
      thread.setContextClassLoader(applicationLoader != null ? applicationLoader
          : LocalExecutors.class.getClassLoader());
      return thread;
    };
  }

  /** Interrupts running tasks and waits (up to 30 s per executor) for their threads to end. */
  @Override
  public void close() {
    pools.forEach(ExecutorService::shutdownNow);
    for (ExecutorService pool : pools) {
      try {
        pool.awaitTermination(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
