package dev.sluice.scheduler.placement;

import java.util.List;
import java.util.Set;

/**
 * Decides which pending task an executor that asked for work gets. Executors pull: a policy only
 * ever answers for an executor with a free slot, so a slow executor simply asks less often.
 */
public interface TaskPlacementPolicy {
  /**
   * The index in {@code pending} of the task to launch on {@code executorId}, or -1 to give it
   * nothing now.
   *
   * @param pending waiting tasks, oldest first
   * @param executorId the executor with a free slot
   * @param executors every registered executor
   */
  int choose(List<PendingTask> pending, String executorId, Set<String> executors);
}
