package dev.sluice.scheduler.ui;

import dev.sluice.scheduler.ui.api.AllocatorUsage;
import dev.sluice.scheduler.ui.api.ExecutorData;
import java.util.List;

/** One executor as the status store keeps it; guarded by the store's lock. */
final class ExecutorState {
  static final String ALIVE = "ALIVE";
  static final String DEAD = "DEAD";

  final String executorId;
  int slots;
  String status = ALIVE;
  int activeTasks;
  int completedTasks;
  int failedTasks;

  ExecutorState(String executorId, int slots) {
    this.executorId = executorId;
    this.slots = slots;
  }

  ExecutorData toData(List<AllocatorUsage> memory) {
    return new ExecutorData(executorId, slots, status, activeTasks, completedTasks, failedTasks,
        ALIVE.equals(status) ? memory : List.of());
  }
}
