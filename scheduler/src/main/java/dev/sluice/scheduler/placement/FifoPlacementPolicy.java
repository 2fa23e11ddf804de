package dev.sluice.scheduler.placement;

import java.util.List;
import java.util.Set;

/**
 * The default policy: the oldest pending task, skipping tasks that already failed on this
 * executor while some other executor has not failed them yet (so retries go elsewhere when there
 * is an elsewhere).
 */
public final class FifoPlacementPolicy implements TaskPlacementPolicy {
  @Override
  public int choose(List<PendingTask> pending, String executorId, Set<String> executors) {
    for (int i = 0; i < pending.size(); i++) {
      PendingTask task = pending.get(i);
      if (!task.failedOn().contains(executorId) || task.failedOn().containsAll(executors)) {
        return i;
      }
    }
    return -1;
  }
}
