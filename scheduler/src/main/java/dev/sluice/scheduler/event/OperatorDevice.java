package dev.sluice.scheduler.event;

import static java.util.Objects.requireNonNull;

/**
 * Where one operator of a stage's listing runs, as the planner placed it: the UI badges the
 * operators on the GPU and shows why an operator that could run there is on the CPU. It travels
 * beside the operator's line ({@link StageInfo#devices()}), so the lines, and the task metrics
 * zipped with them by position, stay as they are.
 *
 * @param device {@code GPU} or {@code CPU}
 * @param reason why an operator with a GPU implementation is on the CPU (e.g. {@code user lambda});
 *     empty on the GPU and for operators that only run on the CPU
 */
public record OperatorDevice(String device, String reason) {
  public static final String GPU_DEVICE = "GPU";
  public static final String CPU_DEVICE = "CPU";
  /** On the GPU. */
  public static final OperatorDevice GPU = new OperatorDevice(GPU_DEVICE, "");
  /** On the CPU, the only place it can run (the sink, a node without a GPU implementation). */
  public static final OperatorDevice CPU = new OperatorDevice(CPU_DEVICE, "");

  public OperatorDevice {
    requireNonNull(device, "device is null");
    if (!device.equals(GPU_DEVICE) && !device.equals(CPU_DEVICE)) {
      throw new IllegalArgumentException("device must be GPU or CPU, got " + device);
    }
    reason = reason == null ? "" : reason;
  }

  /** On the CPU because of {@code reason}. */
  public static OperatorDevice cpu(String reason) {
    return new OperatorDevice(CPU_DEVICE, requireNonNull(reason, "reason is null"));
  }
}
