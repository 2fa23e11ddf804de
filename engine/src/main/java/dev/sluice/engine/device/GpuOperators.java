package dev.sluice.engine.device;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.plan.physical.ColumnarAggregateExec;
import dev.sluice.engine.plan.physical.ExchangeExec;
import dev.sluice.engine.plan.physical.FilterProjectExec;
import java.util.Optional;
import java.util.ServiceLoader;
import org.apache.arrow.memory.BufferAllocator;

/**
 * GPU implementations of columnar operators, batch by batch. The {@code gpu} module provides one
 * through {@link ServiceLoader}; without it (or without a usable GPU) everything runs on the CPU.
 * Executors call it for operators the planner placed on the GPU and run a batch on the CPU operator
 * whenever a call throws (a CUDA error, device out of memory, a kernel's overflow flag): that batch's
 * answer must then be exactly the CPU's. A provider without some operator leaves its defaults, which
 * refuse it.
 */
public interface GpuOperators {
  /**
   * Why this provider cannot run anything in this process although the device probe found a GPU
   * (e.g. its kernels do not load on this driver), or empty when it can. The planner asks before
   * placing anything, so such a session runs on the CPU with this reason instead of falling back
   * batch by batch; it may set the device up, once per process.
   */
  default Optional<String> unavailable() {
    return Optional.empty();
  }

  /**
   * Why {@code node} cannot run on the GPU (an expression, a type or an operator this provider
   * lacks), or empty when it can. Called by the planner; must not touch the device.
   */
  Optional<String> unsupported(FilterProjectExec node);

  /**
   * Filters and projects one batch on the GPU; the caller owns the returned batch (null when no row
   * passed). Throws to make the caller run this batch on the CPU instead.
   *
   * @param node the operator
   * @param input the input batch (the caller keeps ownership)
   * @param allocator where the output is allocated
   */
  Batch filterProject(FilterProjectExec node, Batch input, BufferAllocator allocator);

  /**
   * Why the {@code PARTIAL} aggregation {@code node} cannot run on the GPU, or empty when it can.
   * Called by the planner; must not touch the device.
   */
  default Optional<String> unsupported(ColumnarAggregateExec node) {
    return Optional.of("no GPU aggregation in " + getClass().getSimpleName());
  }

  /**
   * The partial aggregation of one batch on the GPU: the groups of {@code input} with their
   * aggregate states, in {@code node.schema()}'s layout ({@code AggregateStates#partialSchema}),
   * exactly the states the CPU's partial aggregation of this batch alone would emit (the groups'
   * order may differ). The caller owns the returned batch (null for an empty input). Throws to make
   * the caller run this batch on the CPU instead.
   *
   * @param node the operator, in {@code PARTIAL} mode
   * @param input the input batch (the caller keeps ownership)
   * @param allocator where the output is allocated
   */
  default Batch partialAggregate(ColumnarAggregateExec node, Batch input, BufferAllocator allocator) {
    throw new UnsupportedOperationException("no GPU aggregation in " + getClass().getSimpleName());
  }

  /**
   * Why the map side of {@code node} (a columnar hash exchange) cannot compute its rows' partitions
   * on the GPU, or empty when it can. Called by the planner; must not touch the device.
   */
  default Optional<String> unsupported(ExchangeExec node) {
    return Optional.of("no GPU hash partitioning in " + getClass().getSimpleName());
  }

  /**
   * The partition of every row of {@code input} under {@code node}'s {@code HashColumns}
   * partitioning, bit-identical to the CPU's ({@code ColumnHash} of the keys, unsigned remainder).
   * Throws to make the caller partition this batch on the CPU instead.
   *
   * @param node the exchange
   * @param input a batch of the exchange's input (the caller keeps ownership)
   * @param allocator for scratch buffers
   */
  default int[] hashPartitions(ExchangeExec node, Batch input, BufferAllocator allocator) {
    throw new UnsupportedOperationException("no GPU hash partitioning in " + getClass().getSimpleName());
  }

  /** The provider on the class path, if any. */
  static Optional<GpuOperators> discover() {
    return ServiceLoader.load(GpuOperators.class, GpuOperators.class.getClassLoader()).findFirst();
  }
}
