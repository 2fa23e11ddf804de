package dev.sluice.scheduler.ui.api;

import static java.util.Objects.requireNonNull;

/**
 * One operator of a stage with its figures summed over the stage's successful tasks.
 *
 * @param name the operator's line from the stage listing (or its own name when the stage has none)
 * @param rows rows it produced
 * @param nanos time spent in it
 * @param device where it runs, {@code GPU} or {@code CPU}; null when not known
 * @param reason why an operator with a GPU implementation is on the CPU; empty otherwise, null when
 *     the device is not known
 */
public record OperatorData(String name, long rows, long nanos, String device, String reason) {
  public OperatorData {
    requireNonNull(name, "name is null");
  }
}
