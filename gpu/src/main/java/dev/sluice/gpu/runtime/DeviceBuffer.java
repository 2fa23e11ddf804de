package dev.sluice.gpu.runtime;

import java.util.concurrent.atomic.AtomicBoolean;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;

/**
 * A block of device memory from {@link CudaRuntime#allocate(long)}. Closing it returns the memory
 * to the runtime's pool (or frees it); closing twice is harmless. Not thread-safe beyond that: one
 * task uses a buffer at a time.
 *
 * <p>Fresh buffers hold garbage, not zeros (the fake driver fills them with 0xCD to catch code that
 * assumes otherwise): call {@link CudaRuntime#zero(DeviceBuffer)} where zeros are needed.
 */
public final class DeviceBuffer implements AutoCloseable {
  private final CudaRuntime runtime;
  private final CUdeviceptr pointer;
  private final long size;
  private final long capacity;
  private final AtomicBoolean closed = new AtomicBoolean();

  DeviceBuffer(CudaRuntime runtime, CUdeviceptr pointer, long size, long capacity) {
    this.runtime = runtime;
    this.pointer = pointer;
    this.size = size;
    this.capacity = capacity;
  }

  /** The bytes asked for. */
  public long size() {
    return size;
  }

  /** The bytes actually allocated (the pool rounds sizes up); at least {@link #size()}. */
  long capacity() {
    return capacity;
  }

  /** The device address, for copies and as a kernel parameter ({@code Pointer.to(pointer())}). */
  public CUdeviceptr pointer() {
    checkOpen();
    return pointer;
  }

  /** A device pointer {@code offset} bytes into this buffer. */
  public CUdeviceptr pointer(long offset) {
    checkOpen();
    if (offset < 0 || offset > size) {
      throw new IndexOutOfBoundsException(
          "offset %d outside a device buffer of %d bytes".formatted(offset, size));
    }
    return pointer.withByteOffset(offset);
  }

  /** This buffer as a kernel parameter: a pointer to its device address. */
  public Pointer parameter() {
    return Pointer.to(pointer());
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      runtime.release(pointer, capacity);
    }
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("device buffer is closed");
    }
  }
}
