package dev.sluice.gpu.runtime;

/**
 * A GPU operation failed: the driver returned an error (out of device memory, a launch failure, a
 * module the driver rejects) or the GPU is not usable at all ({@link GpuUnavailableException}).
 *
 * <p>Callers catch it and run the CPU version of the same work on the same input, so GPU code must
 * leave its inputs untouched when it throws.
 */
public class GpuException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message only. */
  public GpuException(String message) {
    super(message);
  }

  /** Creates an exception for a failed driver call; the message should name the operation. */
  public GpuException(String message, Throwable cause) {
    super(message, cause);
  }
}
