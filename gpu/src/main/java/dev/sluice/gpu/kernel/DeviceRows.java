package dev.sluice.gpu.kernel;

import dev.sluice.gpu.runtime.DeviceBuffer;

/**
 * Selected rows of a batch in device memory: their indices, ascending (a filter's result, in row
 * order). Gathers take them; {@link CudaKernels#indices} copies them to the host. Owns its buffer.
 */
public final class DeviceRows implements AutoCloseable {
  private final DeviceBuffer indices;
  private final int count;

  DeviceRows(DeviceBuffer indices, int count) {
    this.indices = indices;
    this.count = count;
  }

  /** How many rows are selected. */
  public int count() {
    return count;
  }

  DeviceBuffer indices() {
    return indices;
  }

  @Override
  public void close() {
    indices.close();
  }
}
