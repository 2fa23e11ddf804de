package dev.sluice.scheduler.ui.api;

import static java.util.Objects.requireNonNull;

import dev.sluice.scheduler.event.OperatorDevice;
import java.util.List;

/**
 * A stage as a node of its job's DAG.
 *
 * @param stageId the stage
 * @param name what it computes
 * @param status {@code PENDING}, {@code RUNNING}, {@code COMPLETE} or {@code FAILED}
 * @param operators its operators, sink side first, one line each
 * @param devices where each of {@code operators} runs, line for line; empty when not known
 * @param numTasks its partitions
 * @param numCompletedTasks partitions with a successful attempt
 * @param numActiveTasks attempts running now
 */
public record DagNode(int stageId, String name, String status, List<String> operators,
    List<OperatorDevice> devices, int numTasks, int numCompletedTasks, int numActiveTasks) {
  public DagNode {
    requireNonNull(name, "name is null");
    requireNonNull(status, "status is null");
    operators = List.copyOf(operators);
    devices = List.copyOf(devices);
  }
}
