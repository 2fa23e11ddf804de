package dev.sluice.scheduler.placement;

import static java.util.Objects.requireNonNull;

import dev.sluice.scheduler.protocol.TaskDescriptor;
import java.util.Set;

/**
 * A task attempt waiting for a slot.
 *
 * @param task the attempt
 * @param failedOn executors where earlier attempts of the task failed; placement avoids them
 */
public record PendingTask(TaskDescriptor task, Set<String> failedOn) {
  public PendingTask {
    requireNonNull(task, "task is null");
    failedOn = Set.copyOf(requireNonNull(failedOn, "failedOn is null"));
  }
}
