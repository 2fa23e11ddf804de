package dev.sluice.scheduler.ui;

import dev.sluice.scheduler.event.OperatorDevice;
import dev.sluice.scheduler.event.StageInfo;
import dev.sluice.scheduler.protocol.TaskMetrics;
import dev.sluice.scheduler.ui.api.DagNode;
import dev.sluice.scheduler.ui.api.OperatorData;
import dev.sluice.scheduler.ui.api.PlanStageData;
import dev.sluice.scheduler.ui.api.StageData;
import dev.sluice.scheduler.ui.api.TaskData;
import dev.sluice.scheduler.ui.api.TaskSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * One stage as the status store keeps it, across all its runs: a re-run after lost shuffle output
 * (a second {@code StageSubmitted}) adds attempts, never partitions. Guarded by the store's lock.
 */
final class StageState {
  static final String PENDING = "PENDING";
  static final String RUNNING = "RUNNING";
  static final String COMPLETE = "COMPLETE";
  static final String FAILED = "FAILED";
  static final List<Double> QUANTILES = List.of(0.0, 0.25, 0.5, 0.75, 1.0);

  final int stageId;
  final int jobId;
  String name = "";
  int numTasks;
  List<Integer> parents = List.of();
  int shuffleId = -1;
  List<String> operators = List.of();
  /** Where each of {@link #operators} runs, line for line; empty when not known. */
  List<OperatorDevice> devices = List.of();
  String status = PENDING;
  long submissionTime = -1;
  long completionTime = -1;
  int failedTasks;
  /** Every attempt, in launch order. */
  private final List<TaskAttemptState> attempts = new ArrayList<>();
  /** Running attempts by partition and attempt number. */
  private final Map<Long, TaskAttemptState> running = new HashMap<>();
  /** The latest successful attempt of each partition. */
  private final Map<Integer, TaskAttemptState> succeeded = new TreeMap<>();

  StageState(int stageId, int jobId) {
    this.stageId = stageId;
    this.jobId = jobId;
  }

  void describe(StageInfo info) {
    name = info.name();
    numTasks = Math.max(numTasks, info.partitions());
    parents = info.parents();
    shuffleId = info.shuffleId();
    operators = info.operators();
    devices = info.devices();
  }

  void submitted(String stageName, int tasks, long time) {
    if (name.isEmpty()) {
      name = stageName;
    }
    numTasks = Math.max(numTasks, tasks);
    status = RUNNING;
    if (submissionTime < 0) {
      submissionTime = time;
    }
    completionTime = -1;
  }

  void ended(String endStatus, long time) {
    status = endStatus;
    completionTime = time;
  }

  TaskAttemptState launch(int partition, int attempt, String executorId, int slot, long time) {
    TaskAttemptState task = new TaskAttemptState(partition, attempt, executorId, slot, time);
    attempts.add(task);
    running.put(key(partition, attempt), task);
    return task;
  }

  /**
   * Ends the running attempt (or records one whose launch was not seen).
   *
   * @return whether the attempt had been running
   */
  boolean succeed(int partition, int attempt, String executorId, TaskMetrics metrics, long time) {
    TaskAttemptState task = running.remove(key(partition, attempt));
    boolean wasRunning = task != null;
    if (task == null) {
      task = new TaskAttemptState(partition, attempt, executorId, -1, -1);
      attempts.add(task);
    }
    task.succeed(metrics, time);
    succeeded.put(partition, task);
    return wasRunning;
  }

  /** Like {@link #succeed} for a failed attempt. */
  boolean fail(int partition, int attempt, String executorId, String error, long time) {
    TaskAttemptState task = running.remove(key(partition, attempt));
    boolean wasRunning = task != null;
    if (task == null) {
      task = new TaskAttemptState(partition, attempt, executorId, -1, -1);
      attempts.add(task);
    }
    task.fail(error, time);
    failedTasks++;
    return wasRunning;
  }

  /** Fails every running attempt (their job ended); returns them. */
  List<TaskAttemptState> killRunning(String error, long time) {
    List<TaskAttemptState> killed = new ArrayList<>(running.values());
    running.clear();
    for (TaskAttemptState task : killed) {
      task.fail(error, time);
      failedTasks++;
    }
    if (RUNNING.equals(status)) {
      ended(FAILED, time);
    }
    return killed;
  }

  int completedTasks() {
    return succeeded.size();
  }

  int activeTasks() {
    return running.size();
  }

  long sum(ToLongFunction<TaskMetrics> figure) {
    long total = 0;
    for (TaskAttemptState task : succeeded.values()) {
      total += figure.applyAsLong(task.metrics);
    }
    return total;
  }

  StageData toData() {
    return new StageData(stageId, jobId, name, status, numTasks, completedTasks(), activeTasks(), failedTasks,
        submissionTime, completionTime, operators, devices, parents, shuffleId, sum(TaskMetrics::rowsIn),
        sum(TaskMetrics::rowsOut), sum(TaskMetrics::shuffleReadBytes), sum(TaskMetrics::shuffleWriteBytes),
        sum(TaskMetrics::spillBytes));
  }

  DagNode toNode() {
    return new DagNode(stageId, name, status, operators, devices, numTasks, completedTasks(), activeTasks());
  }

  List<TaskData> tasks() {
    return attempts.stream().map(TaskAttemptState::toData).toList();
  }

  /**
   * The stage's operators with rows and time summed over the latest successful attempt of each
   * partition. Task metrics list operators in the order of the stage listing; a line of the
   * listing names the operator, or the metrics' own name where the listing is shorter; its device
   * is the listing's, or null where that is not known.
   */
  PlanStageData toPlan() {
    List<String> names = new ArrayList<>(operators);
    List<long[]> figures = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      figures.add(new long[2]);
    }
    for (TaskAttemptState task : succeeded.values()) {
      List<TaskMetrics.OperatorStat> stats = task.metrics.operators();
      for (int i = 0; i < stats.size(); i++) {
        if (i == names.size()) {
          names.add(stats.get(i).name());
          figures.add(new long[2]);
        }
        figures.get(i)[0] += stats.get(i).rowsOut();
        figures.get(i)[1] += stats.get(i).nanos();
      }
    }
    List<OperatorData> result = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      OperatorDevice device = i < devices.size() ? devices.get(i) : null;
      result.add(new OperatorData(names.get(i), figures.get(i)[0], figures.get(i)[1],
          device == null ? null : device.device(), device == null ? null : device.reason()));
    }
    return new PlanStageData(stageId, name, result);
  }

  TaskSummary summary() {
    List<TaskAttemptState> tasks = List.copyOf(succeeded.values());
    return new TaskSummary(QUANTILES, quantiles(tasks, TaskAttemptState::durationMillis),
        quantiles(tasks, task -> task.metrics.rowsOut()), quantiles(tasks, task -> task.metrics.shuffleReadBytes()),
        quantiles(tasks, task -> task.metrics.shuffleWriteBytes()));
  }

  /** The value at quantile q of n sorted values is the one at index {@code min(floor(q * n), n - 1)}. */
  static List<Long> quantiles(List<TaskAttemptState> tasks, ToLongFunction<TaskAttemptState> figure) {
    if (tasks.isEmpty()) {
      return List.of();
    }
    long[] values = tasks.stream().mapToLong(figure).toArray();
    Arrays.sort(values);
    List<Long> result = new ArrayList<>();
    for (double q : QUANTILES) {
      result.add(values[(int) Math.min((long) Math.floor(q * values.length), values.length - 1)]);
    }
    return result;
  }

  private static long key(int partition, int attempt) {
    return ((long) partition << 32) | (attempt & 0xffffffffL);
  }
}
