package dev.sluice.gpu.runtime;

import static java.util.Objects.requireNonNull;

/** Thrown by {@link CudaRuntime#get()} when this process has no usable GPU; carries the reason. */
public final class GpuUnavailableException extends GpuException {
  private static final long serialVersionUID = 1L;

  private final transient RuntimeStatus status;

  /** Creates the exception for an unavailable status. */
  public GpuUnavailableException(RuntimeStatus status) {
    super("no GPU: " + requireNonNull(status, "status is null"));
    this.status = status;
  }

  /** Why there is no GPU. */
  public RuntimeStatus status() {
    return status;
  }
}
