package dev.sluice.scheduler.stage;

import static java.util.Objects.requireNonNull;

import dev.sluice.scheduler.event.OperatorDevice;
import java.util.List;

/**
 * A stage as the scheduler runs it: a set of tasks, one per partition, that may start once its
 * parent stages are done.
 *
 * @param stageId unique within the session
 * @param name what the stage computes, e.g. {@code count at WordCount.java:40}
 * @param parents the stages whose output it reads
 * @param tasks the serialized work of each partition's task, by partition
 * @param shuffleId the shuffle a shuffle-map stage writes, or -1 for the result stage
 * @param operators the stage's operators, sink first, one line each (as {@code TaskBinaries} lists
 *     them: the order of every task's {@code TaskMetrics.operators})
 * @param devices where each of {@code operators} runs, line for line; empty when not known
 */
public record StageSpec(int stageId, String name, List<Integer> parents, List<byte[]> tasks, int shuffleId,
    List<String> operators, List<OperatorDevice> devices) {
  public StageSpec {
    requireNonNull(name, "name is null");
    operators = List.copyOf(requireNonNull(operators, "operators is null"));
    devices = List.copyOf(requireNonNull(devices, "devices is null"));
    if (!devices.isEmpty() && devices.size() != operators.size()) {
      throw new IllegalArgumentException("stage " + stageId + " has " + devices.size() + " devices for "
          + operators.size() + " operators");
    }
    parents = List.copyOf(requireNonNull(parents, "parents is null"));
    tasks = List.copyOf(requireNonNull(tasks, "tasks is null"));
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("stage " + stageId + " has no tasks");
    }
  }

  /** A stage whose operators' devices are not known. */
  public StageSpec(int stageId, String name, List<Integer> parents, List<byte[]> tasks, int shuffleId,
      List<String> operators) {
    this(stageId, name, parents, tasks, shuffleId, operators, List.of());
  }

  /** A stage without an operator listing. */
  public StageSpec(int stageId, String name, List<Integer> parents, List<byte[]> tasks, int shuffleId) {
    this(stageId, name, parents, tasks, shuffleId, List.of());
  }

  public boolean isShuffleMap() {
    return shuffleId >= 0;
  }

  public int partitions() {
    return tasks.size();
  }
}
