package dev.sluice.scheduler.ui.api;

import static java.util.Objects.requireNonNull;

import dev.sluice.scheduler.event.OperatorDevice;
import java.util.List;

/**
 * A stage ({@code GET /api/v1/applications/{app}/stages[/{stageId}]}). Counts are over its
 * partitions and attempts across every run of the stage (a re-run after lost shuffle output adds
 * attempts, not partitions); row and byte figures are summed over the latest successful attempt of
 * each partition.
 *
 * @param stageId the stage
 * @param jobId its job
 * @param name what it computes
 * @param status {@code PENDING}, {@code RUNNING}, {@code COMPLETE} or {@code FAILED}
 * @param numTasks its partitions
 * @param numCompletedTasks partitions with a successful attempt
 * @param numActiveTasks attempts running now
 * @param numFailedTasks attempts that failed
 * @param submissionTime when it was first submitted, -1 while pending
 * @param completionTime when it last completed or failed, -1 while pending or running
 * @param operators its operators, sink side first
 * @param devices where each of {@code operators} runs, line for line; empty when not known
 * @param parentIds the stages it reads
 * @param shuffleId the shuffle it writes, -1 for a result stage
 * @param rowsIn rows its sources produced
 * @param rowsOut rows that reached its sink
 * @param shuffleReadBytes shuffle bytes read
 * @param shuffleWriteBytes shuffle bytes written
 * @param spillBytes bytes spilled to disk
 */
public record StageData(int stageId, int jobId, String name, String status, int numTasks, int numCompletedTasks,
    int numActiveTasks, int numFailedTasks, long submissionTime, long completionTime, List<String> operators,
    List<OperatorDevice> devices, List<Integer> parentIds, int shuffleId, long rowsIn, long rowsOut,
    long shuffleReadBytes, long shuffleWriteBytes, long spillBytes) {
  public StageData {
    requireNonNull(name, "name is null");
    requireNonNull(status, "status is null");
    operators = List.copyOf(operators);
    devices = List.copyOf(devices);
    parentIds = List.copyOf(parentIds);
  }
}
