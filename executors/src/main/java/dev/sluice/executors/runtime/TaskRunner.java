package dev.sluice.executors.runtime;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.StageOperators;
import dev.sluice.engine.exec.TaskFragment;
import dev.sluice.engine.serde.KryoSerde;
import dev.sluice.executors.operator.UserFunctionException;
import dev.sluice.executors.shuffle.ShuffleWriteSink;
import dev.sluice.executors.sink.ResultSink;
import dev.sluice.scheduler.protocol.TaskDescriptor;
import dev.sluice.scheduler.protocol.TaskMetrics;
import dev.sluice.scheduler.protocol.TaskMetrics.OperatorStat;
import dev.sluice.scheduler.protocol.TaskOutcome;
import dev.sluice.scheduler.shuffle.MapStatus;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one task attempt on the calling (task) thread, never on an actor's: deserializes the
 * fragment, gives it a named child allocator of the process's root allocator, builds the operator
 * tree, drains it into the result sink, and closes everything. Closing the task's allocator proves
 * it freed all its memory; a leak fails the attempt.
 *
 * <p>Its {@link TaskMetrics} report the rows that reached the sink and that the sources produced,
 * the shuffle bytes read and written, the bytes spilled, and one figure per entry of the stage's
 * operator listing ({@link StageOperators}: the sink, then the plan's nodes in pre-order).
 */
public final class TaskRunner {
  private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);
  /** Where tasks compute; no GPU operator exists yet. */

  private final BufferAllocator root;
  private final int batchRows;
  private final int longBatchRows;
  private final long memoryBudgetBytes;
  private final ExecutorEnvironment environment;

  /**
   * @param root the process's root allocator
   * @param batchRows rows per batch for row-encoded data
   * @param longBatchRows rows per batch for primitive long data
   * @param memoryBudgetBytes memory a task's stateful operators may hold before spilling
   * @param environment the executor's shared environment
   */
  public TaskRunner(BufferAllocator root, int batchRows, int longBatchRows, long memoryBudgetBytes,
      ExecutorEnvironment environment) {
    this.root = requireNonNull(root, "root is null");
    this.batchRows = batchRows;
    this.longBatchRows = longBatchRows;
    this.memoryBudgetBytes = memoryBudgetBytes;
    this.environment = requireNonNull(environment, "environment is null");
  }

  /** Where this executor's shuffle files and spills are. */
  public Path workDirectory() {
    return environment.workDirectory();
  }

  /** Runs the attempt; never throws, every failure becomes a {@link TaskOutcome.Failed}. */
  public TaskOutcome run(TaskDescriptor task) {
    String executorId = environment.executorId();
    long start = System.nanoTime();
    String name = task.key() + "." + task.attempt();
    try {
      TaskFragment fragment = KryoSerde.deserialize(environment.payloads().binary(task));
      BufferAllocator allocator = root.newChildAllocator(name, 0, Long.MAX_VALUE);
      byte[] result;
      Figures figures;
      MapStatus mapStatus = null;
      try {
        OperatorContext operators = new OperatorContext(name, allocator, batchRows, longBatchRows, memoryBudgetBytes,
            environment.workDirectory().resolve("spill"));
        TaskContext context = new TaskContext(operators, environment, task.key(), task.attempt());
        ResultSink sink = ResultSinks.create(fragment, context);
        TaskOperators built = new TaskOperators(fragment.operators());
        long drainNanos;
        try (Operator operator = OperatorFactories.build(fragment.plan(), context, built)) {
          long drainStart = System.nanoTime();
          result = sink.drain(operator, operators);
          drainNanos = System.nanoTime() - drainStart;
        }
        long shuffleWriteBytes = 0;
        if (sink instanceof ShuffleWriteSink shuffle) {
          mapStatus = shuffle.mapStatus();
          shuffleWriteBytes = mapStatus.totalBytes();
        }
        // read after the tree closed: operators delete (and so count) their spill files when they close
        figures = new Figures(sink.rows(), allocator.getPeakMemoryAllocation(), operators.counters().droppedRecords(),
            built.rowsIn(), built.shuffleReadBytes(), shuffleWriteBytes, operators.counters().spillBytes(),
            operators.counters().gpuBatches() > 0 ? "GPU" : "CPU", operators.counters().gpuFallbackBatches(),
            built.stats(StageOperators.name(fragment.sink()), sink.rows(), drainNanos));
      } finally {
        closeAllocator(allocator, name);
      }
      TaskChannel.Result delivered = environment.payloads().deliver(task, result);
      TaskMetrics metrics = figures.metrics(System.nanoTime() - start, result.length);
      return new TaskOutcome.Succeeded(task.key(), task.attempt(), executorId, delivered.inline(), metrics, mapStatus,
          delivered.ref());
    } catch (UserFunctionException e) {
      LOG.debug("Task {} failed in user code at {}", name, e.origin(), e.getCause());
      return new TaskOutcome.Failed(task.key(), task.attempt(), executorId, e.getCause());
    } catch (RuntimeException | Error e) {
      if (e instanceof EngineException engine && engine.code() == ErrorCode.JOB_CANCELLED) {
        LOG.debug("Task {} was cancelled", name);
      } else {
        LOG.warn("Task {} failed on executor {}", name, executorId, e);
      }
      return new TaskOutcome.Failed(task.key(), task.attempt(), executorId, e);
    }
  }

  /** What the attempt measured before its result left, all but its run time and result size. */
  private record Figures(long rowsOut, long peakMemoryBytes, long droppedRecords, long rowsIn, long shuffleReadBytes,
      long shuffleWriteBytes, long spillBytes, String device, long gpuFallbackBatches, List<OperatorStat> operators) {
    TaskMetrics metrics(long runNanos, long resultBytes) {
      return new TaskMetrics(rowsOut, runNanos, peakMemoryBytes, resultBytes, droppedRecords, rowsIn, shuffleReadBytes,
          shuffleWriteBytes, spillBytes, device, gpuFallbackBatches, operators);
    }
  }

  private static void closeAllocator(BufferAllocator allocator, String name) {
    try {
      allocator.close();
    } catch (IllegalStateException e) {
      throw new EngineException(ErrorCode.INTERNAL, "Task " + name + " leaked Arrow memory: " + e.getMessage(), e);
    }
  }
}
