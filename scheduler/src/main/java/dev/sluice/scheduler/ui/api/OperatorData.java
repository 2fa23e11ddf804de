package dev.sluice.scheduler.ui.api;

import static java.util.Objects.requireNonNull;

/**
 * One operator of a stage with its figures summed over the stage's successful tasks.
 *
 * @param name the operator's line from the stage listing (or its own name when the stage has none)
 * @param rows rows it produced
 * @param nanos time spent in it
 */
public record OperatorData(String name, long rows, long nanos) {
  public OperatorData {
    requireNonNull(name, "name is null");
  }
}
