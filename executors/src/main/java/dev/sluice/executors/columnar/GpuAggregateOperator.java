package dev.sluice.executors.columnar;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.device.GpuOperators;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.plan.physical.AggregateMode;
import dev.sluice.engine.plan.physical.ColumnarAggregateExec;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A {@code PARTIAL} aggregation placed on the GPU: each non-empty input batch goes to the
 * {@link GpuOperators} provider, which answers with that batch's groups and their states; the
 * partial results are emitted as they come (the {@code FINAL} step merges them, as it merges the
 * CPU's). When the provider throws on a batch (a CUDA error, device out of memory, an overflow flag,
 * no device after all), that batch runs through a {@link ColumnarAggregateOperator} over it alone
 * instead, so its states are the CPU's. Counts both kinds of batch in the task's counters
 * ({@code TaskCounters.gpuBatches}, {@code gpuFallbackBatches}); logs the first fallback of each
 * operator at WARN, later ones at DEBUG.
 *
 * <p>Without grouping a {@code PARTIAL} aggregation emits one row even for an input without rows;
 * then the CPU operator runs over an empty input, so the output is exactly the CPU's.
 */
public final class GpuAggregateOperator implements Operator {
  private final ColumnarAggregateExec node;
  private final Operator input;
  private final OperatorContext context;
  private final GpuOperators gpu;
  private final OperatorMetrics metrics = new OperatorMetrics("ColumnarAggregate");
  /** Output of a CPU run not handed on yet. */
  private final Deque<Batch> ready = new ArrayDeque<>();
  private long rowsIn;
  private boolean done;
  private boolean inputClosed;
  private final GpuBatches batches;

  public GpuAggregateOperator(ColumnarAggregateExec node, Operator child, OperatorContext context, GpuOperators gpu) {
    this.node = requireNonNull(node, "node is null");
    this.input = requireNonNull(child, "child is null");
    this.context = requireNonNull(context, "context is null");
    this.batches = new GpuBatches("partial aggregation", context);
    this.gpu = requireNonNull(gpu, "gpu is null");
    if (node.mode() != AggregateMode.PARTIAL) {
      throw new EngineException(ErrorCode.INTERNAL, "Aggregate " + node.describe() + " is " + node.mode()
          + "; only partial aggregations run on the GPU (this is a bug)");
    }
  }

  @Override
  public Batch next() {
    while (true) {
      if (!ready.isEmpty()) {
        Batch out = ready.poll();
        metrics.recordOutput(out.rowCount());
        return out;
      }
      if (done) {
        return null;
      }
      context.checkCancelled();
      Batch batch = input.next();
      if (batch == null) {
        done = true;
        closeInput();
        if (rowsIn == 0 && node.groupings().isEmpty()) {
          long start = System.nanoTime();
          runOnCpu(new OneBatch(null));
          metrics.addNanos(System.nanoTime() - start);
        }
        continue;
      }
      int rows = batch.rowCount();
      if (rows == 0) {
        batch.close();
        continue;
      }
      rowsIn += rows;
      long start = System.nanoTime();
      try {
        Batch out = run(batch);
        if (out != null) {
          metrics.recordOutput(out.rowCount());
          return out;
        }
      } finally {
        metrics.addNanos(System.nanoTime() - start);
      }
    }
  }

  /**
   * The batch's partial aggregation on the GPU (the batch closed), or on the CPU when the GPU throws
   * (the CPU's output then waits in {@link #ready}, and null is returned).
   */
  private Batch run(Batch batch) {
    Batch out;
    try {
      out = gpu.partialAggregate(node, batch, context.allocator());
    } catch (RuntimeException | LinkageError e) {
      batches.fellBack(batch.rowCount(), e);
      runOnCpu(new OneBatch(batch));
      return null;
    } catch (Throwable e) {
      batch.close();
      throw e;
    }
    batch.close();
    batches.ran();
    if (out != null && out.rowCount() == 0) {
      out.close();
      return null;
    }
    return out;
  }

  /** Aggregates {@code source} (which it closes) with the CPU operator; its output goes to {@link #ready}. */
  private void runOnCpu(OneBatch source) {
    try (source; ColumnarAggregateOperator cpu = new ColumnarAggregateOperator(node, source, context)) {
      for (Batch out = cpu.next(); out != null; out = cpu.next()) {
        ready.add(out);
      }
    } catch (RuntimeException | Error e) {
      closeReady();
      throw e;
    }
  }

  private void closeReady() {
    while (!ready.isEmpty()) {
      ready.poll().close();
    }
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
    try {
      closeReady();
    } finally {
      closeInput();
    }
  }

  /** The input of a CPU run: one batch (or none), closed with the source unless pulled. */
  private static final class OneBatch implements Operator {
    private final OperatorMetrics metrics = new OperatorMetrics("GpuAggregateFallbackInput");
    private Batch batch;

    OneBatch(Batch batch) {
      this.batch = batch;
    }

    @Override
    public Batch next() {
      Batch out = batch;
      batch = null;
      return out;
    }

    @Override
    public OperatorMetrics metrics() {
      return metrics;
    }

    @Override
    public void close() {
      if (batch != null) {
        batch.close();
        batch = null;
      }
    }
  }
}
