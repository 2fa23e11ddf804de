package dev.sluice.gpu.runtime;

import static java.util.Objects.requireNonNull;

/**
 * Whether this process can launch CUDA kernels, and if not, why: the answer of {@link
 * CudaRuntime#status()}.
 *
 * @param state the outcome
 * @param description the device when {@link State#AVAILABLE}, otherwise the reason, one line
 */
public record RuntimeStatus(State state, String description) {
  public RuntimeStatus {
    requireNonNull(state, "state is null");
    requireNonNull(description, "description is null");
  }

  /** The outcomes of initialising the CUDA runtime, in the order the steps run. */
  public enum State {
    /** {@code sluice.gpu.enabled=false}, or a value of it that is not understood. */
    DISABLED,
    /** JCuda's driver binding could not load: no libcuda.so.1. */
    NO_DRIVER,
    /** The driver loaded but reports no device. */
    NO_DEVICE,
    /** The driver failed to initialise or to describe the device. */
    INIT_ERROR,
    /** Device 0 is older than compute capability 8.0. */
    UNSUPPORTED_DEVICE,
    /** The context or the kernels' PTX module could not be set up (e.g. a driver too old for it). */
    MODULE_ERROR,
    /** Kernels can be launched. */
    AVAILABLE
  }

  /** Whether kernels can be launched. */
  public boolean available() {
    return state == State.AVAILABLE;
  }

  @Override
  public String toString() {
    return state + ": " + description;
  }
}
