package dev.sluice.scheduler.ui;

import dev.sluice.scheduler.protocol.TaskMetrics;
import dev.sluice.scheduler.ui.api.TaskData;

/** One task attempt as the status store keeps it; guarded by the store's lock. */
final class TaskAttemptState {
  static final String RUNNING = "RUNNING";
  static final String SUCCESS = "SUCCESS";
  static final String FAILED = "FAILED";

  final int partition;
  final int attempt;
  final String executorId;
  final int slot;
  final long launchTime;
  String status = RUNNING;
  long finishTime = -1;
  /** Null until the attempt succeeded. */
  TaskMetrics metrics;
  String error;

  TaskAttemptState(int partition, int attempt, String executorId, int slot, long launchTime) {
    this.partition = partition;
    this.attempt = attempt;
    this.executorId = executorId;
    this.slot = slot;
    this.launchTime = launchTime;
  }

  void succeed(TaskMetrics taskMetrics, long time) {
    status = SUCCESS;
    metrics = taskMetrics;
    finishTime = time;
  }

  void fail(String reason, long time) {
    status = FAILED;
    error = reason;
    finishTime = time;
  }

  long durationMillis() {
    return finishTime < 0 || launchTime < 0 ? -1 : finishTime - launchTime;
  }

  TaskData toData() {
    TaskMetrics m = metrics;
    return new TaskData(partition, attempt, executorId, slot, status, launchTime, finishTime, durationMillis(),
        m == null ? 0 : m.rowsIn(), m == null ? 0 : m.rowsOut(), m == null ? 0 : m.shuffleReadBytes(),
        m == null ? 0 : m.shuffleWriteBytes(), m == null ? 0 : m.spillBytes(), m == null ? 0 : m.peakMemoryBytes(),
        m == null ? null : m.device(), m == null ? 0 : m.gpuFallbackBatches(), error);
  }
}
