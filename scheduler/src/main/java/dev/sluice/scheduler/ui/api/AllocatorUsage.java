package dev.sluice.scheduler.ui.api;

import static java.util.Objects.requireNonNull;

/**
 * Arrow memory held by one allocator, as the executors page shows it.
 *
 * @param name the allocator's name, e.g. {@code executor-0/task-3}
 * @param allocatedBytes bytes it holds now
 * @param peakBytes the most it held at once
 */
public record AllocatorUsage(String name, long allocatedBytes, long peakBytes) {
  public AllocatorUsage {
    requireNonNull(name, "name is null");
  }
}
