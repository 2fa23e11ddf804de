package dev.sluice.engine.device;

import static java.util.Objects.requireNonNull;

/**
 * Where an operator runs, as the planner decided: on the GPU, or on the CPU with the reason it is
 * not on the GPU ("no GPU: no CUDA driver", "type decimal(38,10) not supported", "user lambda"), in
 * the spirit of spark-rapids' explain markers. {@code explain()} prints it for every operator.
 *
 * @param gpu whether the operator runs on the GPU (batch by batch, falling back to the CPU for a
 *     batch the GPU fails on)
 * @param reason why not, when on the CPU; empty when on the GPU
 */
public record Placement(boolean gpu, String reason) {
  public static final Placement GPU = new Placement(true, "");
  /** Where a node that can go to the GPU stands before the planner's placement rule ran. */
  public static final Placement NOT_PLACED = cpu("not considered for the GPU");

  public Placement {
    requireNonNull(reason, "reason is null");
    if (!gpu && reason.isEmpty()) {
      throw new IllegalArgumentException("a CPU placement needs its reason");
    }
  }

  /** On the CPU because of {@code reason}. */
  public static Placement cpu(String reason) {
    return new Placement(false, reason);
  }

  /** The explain marker: {@code [GPU]} or {@code [CPU: reason]}. */
  public String marker() {
    return gpu ? "[GPU]" : "[CPU: " + reason + "]";
  }
}
