package dev.sluice.scheduler.ui.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An executor ({@code GET /api/v1/applications/{app}/executors}).
 *
 * @param executorId the executor
 * @param slots tasks it runs at once
 * @param status {@code ALIVE} or {@code DEAD}
 * @param activeTasks attempts it runs now
 * @param completedTasks attempts that succeeded on it
 * @param failedTasks attempts that failed on it
 * @param memory Arrow memory in use per allocator (see {@code UiServer.forApplication})
 */
public record ExecutorData(String executorId, int slots, String status, int activeTasks, int completedTasks,
    int failedTasks, List<AllocatorUsage> memory) {
  public ExecutorData {
    requireNonNull(executorId, "executorId is null");
    requireNonNull(status, "status is null");
    memory = List.copyOf(memory);
  }
}
