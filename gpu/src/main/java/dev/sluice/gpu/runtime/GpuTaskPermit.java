package dev.sluice.gpu.runtime;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The right to run one task's work on the GPU, from {@link CudaRuntime#acquire()}; closing it lets
 * the next task in. Closing twice is harmless.
 */
public final class GpuTaskPermit implements AutoCloseable {
  private final Semaphore semaphore;
  private final AtomicBoolean released = new AtomicBoolean();

  GpuTaskPermit(Semaphore semaphore) {
    this.semaphore = semaphore;
  }

  @Override
  public void close() {
    if (released.compareAndSet(false, true)) {
      semaphore.release();
    }
  }
}
