package dev.sluice.scheduler.event;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A stage as the UI draws it: a node of the job's DAG.
 *
 * @param stageId the stage
 * @param name what it computes, e.g. {@code reduceByKey at WordCount.java:40}
 * @param parents the stages whose shuffle output it reads (edges of the DAG)
 * @param partitions its tasks
 * @param shuffleId the shuffle it writes, or -1 for the result stage
 * @param operators its operators from the top (sink side) down to the sources, one line each
 * @param devices where each of {@code operators} runs, line for line; empty when not known (a
 *     stage without a listing, an event log written before devices were logged)
 */
public record StageInfo(int stageId, String name, List<Integer> parents, int partitions, int shuffleId,
    List<String> operators, List<OperatorDevice> devices) {
  public StageInfo {
    requireNonNull(name, "name is null");
    parents = List.copyOf(parents);
    operators = List.copyOf(operators);
    devices = devices == null ? List.of() : List.copyOf(devices);
    if (!devices.isEmpty() && devices.size() != operators.size()) {
      throw new IllegalArgumentException("stage " + stageId + " has " + devices.size() + " devices for "
          + operators.size() + " operators");
    }
  }

  /** A stage whose operators' devices are not known. */
  public StageInfo(int stageId, String name, List<Integer> parents, int partitions, int shuffleId,
      List<String> operators) {
    this(stageId, name, parents, partitions, shuffleId, operators, List.of());
  }
}
