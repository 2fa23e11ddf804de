package dev.sluice.scheduler.ui.api;

import static java.util.Objects.requireNonNull;

/**
 * One task attempt ({@code GET /api/v1/applications/{app}/stages/{stageId}/tasks}). Metric fields
 * are 0 and {@code device} is null until the attempt succeeded.
 *
 * @param partition the task's partition
 * @param attempt the attempt number within its run of the stage, from 0
 * @param executorId where it ran
 * @param slot the executor's slot
 * @param status {@code RUNNING}, {@code SUCCESS} or {@code FAILED}
 * @param launchTime when it was launched (epoch millis), -1 when unknown
 * @param finishTime when it ended, -1 while it runs
 * @param durationMillis finish minus launch, -1 while it runs
 * @param rowsIn rows its sources produced
 * @param rowsOut rows that reached its sink
 * @param shuffleReadBytes shuffle bytes it read
 * @param shuffleWriteBytes shuffle bytes it wrote
 * @param spillBytes bytes it spilled
 * @param peakMemoryBytes the most Arrow memory it held
 * @param device {@code CPU} or {@code GPU}, null until it succeeded
 * @param gpuFallbackBatches batches of its GPU-placed operators that ran on the CPU instead (the GPU
 *     failed on them)
 * @param error why it failed, or null
 */
public record TaskData(int partition, int attempt, String executorId, int slot, String status, long launchTime,
    long finishTime, long durationMillis, long rowsIn, long rowsOut, long shuffleReadBytes, long shuffleWriteBytes,
    long spillBytes, long peakMemoryBytes, String device, long gpuFallbackBatches, String error) {
  public TaskData {
    requireNonNull(executorId, "executorId is null");
    requireNonNull(status, "status is null");
  }
}
