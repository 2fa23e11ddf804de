package dev.sluice.executors.columnar;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.exec.OperatorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bookkeeping of one GPU-placed operator in one task: every batch counts in the task's counters
 * as run on the GPU or fallen back to the CPU ({@code TaskMetrics.gpuFallbackBatches}), and a
 * fallback is logged, the operator's first at WARN (with the GPU's error) and later ones at DEBUG,
 * so a device that fails every batch does not flood the log.
 */
public final class GpuBatches {
  private static final Logger LOG = LoggerFactory.getLogger(GpuBatches.class);

  private final String operation;
  private final OperatorContext context;
  private boolean warned;

  /**
   * @param operation what the operator does to a batch, for the log, e.g. {@code FilterProject}
   * @param context the task's counters and name
   */
  public GpuBatches(String operation, OperatorContext context) {
    this.operation = requireNonNull(operation, "operation is null");
    this.context = requireNonNull(context, "context is null");
  }

  /** A batch ran on the GPU. */
  public void ran() {
    context.counters().addGpuBatch();
  }

  /** A batch of {@code rows} rows failed on the GPU with {@code error} and runs on the CPU. */
  public void fellBack(int rows, Throwable error) {
    context.counters().addGpuFallbackBatch();
    if (!warned) {
      warned = true;
      LOG.warn("Task {}: {} of a batch ({} rows) failed on the GPU and runs on the CPU: {}", context.taskName(),
          operation, rows, error.toString());
    } else {
      LOG.debug("Task {}: {} of a batch ({} rows) falls back to the CPU", context.taskName(), operation, rows, error);
    }
  }
}
