package dev.sluice.gpu.operator;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.device.GpuOperators;
import dev.sluice.engine.expr.Expression;
import dev.sluice.engine.plan.physical.ColumnarAggregateExec;
import dev.sluice.engine.plan.physical.ExchangeExec;
import dev.sluice.engine.plan.physical.FilterProjectExec;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.VectorBatch;
import dev.sluice.gpu.kernel.CudaKernels;
import dev.sluice.gpu.kernel.DeviceColumn;
import dev.sluice.gpu.kernel.DeviceRows;
import dev.sluice.gpu.runtime.CudaRuntime;
import dev.sluice.gpu.runtime.GpuException;
import dev.sluice.gpu.runtime.GpuTaskPermit;
import dev.sluice.gpu.runtime.RuntimeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The GPU operators through {@link CudaKernels}, for what {@link GpuSupport} accepts.
 *
 * <p>FilterProject: the referenced columns are copied to the device once, each comparison of the
 * condition gives a selection (null rows never pass), their conjunction is compacted to the
 * selected rows in order, the columns are gathered and the arithmetic runs on the device; only the
 * projections come back, written as the CPU operator writes them ({@link ArrowColumns#write}). Partial aggregation: {@link GpuPartialAggregate}. An int64 or
 * decimal overflow (which the CPU wraps or reports) or any driver failure throws, so the caller runs
 * that batch on the CPU. Hash partitioning of an exchange's rows: {@link GpuHashPartitioning}. Every
 * call holds one of the device's task permits while it runs.
 */
public final class CudaGpuOperators implements GpuOperators {
  /** The GPU cannot run the kernels when the runtime did not set up (e.g. the PTX does not load on this driver). */
  @Override
  public Optional<String> unavailable() {
    RuntimeStatus status = CudaRuntime.status();
    return status.available() ? Optional.empty()
        : Optional.of("no GPU: the GPU cannot run Sluice's kernels: " + status.description());
  }

  @Override
  public Optional<String> unsupported(FilterProjectExec node) {
    return GpuSupport.filterProject(node);
  }

  @Override
  public Optional<String> unsupported(ColumnarAggregateExec node) {
    return GpuSupport.aggregate(node);
  }

  @Override
  public Batch filterProject(FilterProjectExec node, Batch input, BufferAllocator allocator) {
    Optional<String> why = unsupported(node);
    if (why.isPresent()) {
      throw new GpuException("not on GPU: " + why.get());
    }
    int rows = input.rowCount();
    if (rows == 0) {
      return null;
    }
    CudaRuntime runtime = CudaRuntime.get();
    try (GpuTaskPermit permit = permit(runtime);
        BatchWork work = new BatchWork(new CudaKernels(runtime), input, rows, allocator)) {
      DeviceRows selection = work.select(node.condition());
      int count = work.count(selection);
      if (count == 0) {
        return null;
      }
      List<DeviceColumn> results = new ArrayList<>(node.projections().size());
      for (Expression projection : node.projections()) {
        results.add(work.project(GpuSupport.unaliased(projection), selection));
      }
      work.checkOverflow(node.describe());
      List<ColumnData> outputs = new ArrayList<>(results.size());
      for (int p = 0; p < results.size(); p++) {
        outputs.add(work.download(results.get(p), node.schema().fields().get(p).type()));
      }
      return ArrowColumns.write(new VectorBatch(node.schema(), outputs, count), allocator);
    }
  }

  @Override
  public Batch partialAggregate(ColumnarAggregateExec node, Batch input, BufferAllocator allocator) {
    Optional<String> why = unsupported(node);
    if (why.isPresent()) {
      throw new GpuException("not on GPU: " + why.get());
    }
    if (input.rowCount() == 0) {
      return null;
    }
    CudaRuntime runtime = CudaRuntime.get();
    try (GpuTaskPermit permit = permit(runtime)) {
      return new GpuPartialAggregate(node, runtime, allocator).aggregate(input);
    }
  }

  @Override
  public Optional<String> unsupported(ExchangeExec node) {
    return GpuHashPartitioning.unsupported(node);
  }

  @Override
  public int[] hashPartitions(ExchangeExec node, Batch input, BufferAllocator allocator) {
    Optional<String> why = unsupported(node);
    if (why.isPresent()) {
      throw new GpuException("not on GPU: " + why.get());
    }
    if (input.rowCount() == 0) {
      return new int[0];
    }
    CudaRuntime runtime = CudaRuntime.get();
    try (GpuTaskPermit permit = permit(runtime)) {
      return GpuHashPartitioning.partitions(node, input, runtime, allocator);
    }
  }

  private static GpuTaskPermit permit(CudaRuntime runtime) {
    try {
      return runtime.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GpuException("interrupted waiting for the GPU");
    }
  }
}
