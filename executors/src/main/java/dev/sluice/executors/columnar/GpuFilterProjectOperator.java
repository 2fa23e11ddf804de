package dev.sluice.executors.columnar;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.device.GpuOperators;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.plan.physical.FilterProjectExec;

/**
 * FilterProject placed on the GPU: pulls Arrow batches from its input and hands each to the
 * {@link GpuOperators} provider. When the provider throws on a batch (a CUDA error, device out of
 * memory, an overflow flag, no device after all), that batch runs through the CPU operator's logic
 * ({@link FilterProjectOperator#filterProject(Batch)}) instead, so the answer is the CPU's. Counts
 * both kinds of batch in the task's counters ({@code TaskCounters.gpuBatches},
 * {@code gpuFallbackBatches}); logs the first fallback of each operator at WARN, later ones at DEBUG.
 * Empty input batches are skipped, as the CPU operator skips them.
 */
public final class GpuFilterProjectOperator implements Operator {
  private final FilterProjectExec node;
  private final Operator input;
  private final OperatorContext context;
  private final GpuOperators gpu;
  private final FilterProjectOperator cpu;
  private final OperatorMetrics metrics = new OperatorMetrics("FilterProject");
  private boolean done;
  private boolean inputClosed;
  private final GpuBatches batches;

  public GpuFilterProjectOperator(FilterProjectExec node, Operator child, OperatorContext context, GpuOperators gpu) {
    this.node = node;
    this.input = child;
    this.context = context;
    this.batches = new GpuBatches("FilterProject", context);
    this.gpu = gpu;
    this.cpu = FilterProjectOperator.forBatches(node, context);
  }

  @Override
  public Batch next() {
    while (!done) {
      Batch batch = input.next();
      if (batch == null) {
        done = true;
        closeInput();
        return null;
      }
      Batch out;
      long start = System.nanoTime();
      try (batch) {
        if (batch.rowCount() == 0) {
          continue;
        }
        context.checkCancelled();
        out = run(batch);
      } finally {
        metrics.addNanos(System.nanoTime() - start);
      }
      if (out != null) {
        metrics.recordOutput(out.rowCount());
        return out;
      }
    }
    return null;
  }

  /** The batch on the GPU, or on the CPU when the GPU throws. */
  private Batch run(Batch batch) {
    Batch out;
    try {
      out = gpu.filterProject(node, batch, context.allocator());
    } catch (RuntimeException | LinkageError e) {
      batches.fellBack(batch.rowCount(), e);
      return cpu.filterProject(batch);
    }
    batches.ran();
    return out;
  }

  private void closeInput() {
    if (!inputClosed) {
      inputClosed = true;
      input.close();
    }
  }

  @Override
  public OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    done = true;
    closeInput();
  }
}
