package dev.sluice.gpu.kernel;

import static java.util.Objects.requireNonNull;

import dev.sluice.gpu.runtime.DeviceBuffer;

/**
 * A column of 8-byte values in device memory: int64 (dates and decimals as their longs) or float64,
 * with its validity as the kernels' {@code uint32} words, null when every row is valid. Columns
 * stay on the device between kernels; {@link CudaKernels#upload} and {@link CudaKernels#download}
 * are the only copies. Owns its buffers.
 */
public final class DeviceColumn implements AutoCloseable {
  /** How the 8 bytes of a value are read. */
  public enum Kind { LONG, DOUBLE }

  private final Kind kind;
  private final int rows;
  private final DeviceBuffer data;
  private final DeviceBuffer validity;

  DeviceColumn(Kind kind, int rows, DeviceBuffer data, DeviceBuffer validity) {
    this.kind = requireNonNull(kind, "kind is null");
    this.rows = rows;
    this.data = requireNonNull(data, "data is null");
    this.validity = validity;
  }

  public Kind kind() {
    return kind;
  }

  public int rows() {
    return rows;
  }

  DeviceBuffer data() {
    return data;
  }

  /** The validity words, or null when every row is valid. */
  DeviceBuffer validity() {
    return validity;
  }

  @Override
  public void close() {
    try (data; DeviceBuffer v = validity) {
      // both released, even when one release fails
    }
  }
}
