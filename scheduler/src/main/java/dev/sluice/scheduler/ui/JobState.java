package dev.sluice.scheduler.ui;

import dev.sluice.scheduler.event.PlanText;
import dev.sluice.scheduler.protocol.TaskMetrics;
import dev.sluice.scheduler.ui.api.DagData;
import dev.sluice.scheduler.ui.api.DagEdge;
import dev.sluice.scheduler.ui.api.DagNode;
import dev.sluice.scheduler.ui.api.JobData;
import dev.sluice.scheduler.ui.api.PlanData;
import dev.sluice.scheduler.ui.api.PlanStageData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One job as the status store keeps it; guarded by the store's lock. */
final class JobState {
  static final String RUNNING = "RUNNING";
  static final String SUCCEEDED = "SUCCEEDED";
  static final String FAILED = "FAILED";

  final int jobId;
  String description = "";
  /** Its stages, parents first. */
  final List<Integer> stageIds = new ArrayList<>();
  List<PlanText> plans = List.of();
  String status = RUNNING;
  final long submissionTime;
  long completionTime = -1;
  String failureReason;

  JobState(int jobId, long submissionTime) {
    this.jobId = jobId;
    this.submissionTime = submissionTime;
  }

  boolean finished() {
    return !RUNNING.equals(status);
  }

  void ended(String endStatus, String reason, long time) {
    status = endStatus;
    failureReason = reason;
    completionTime = time;
  }

  JobData toData(Map<Integer, StageState> stages) {
    int numStages = 0;
    int completedStages = 0;
    int tasks = 0;
    int completedTasks = 0;
    int activeTasks = 0;
    int failedTasks = 0;
    for (StageState stage : stagesOf(stages)) {
      numStages++;
      completedStages += StageState.COMPLETE.equals(stage.status) ? 1 : 0;
      tasks += stage.numTasks;
      completedTasks += stage.completedTasks();
      activeTasks += stage.activeTasks();
      failedTasks += stage.failedTasks;
    }
    return new JobData(jobId, description, status, submissionTime, completionTime,
        completionTime < 0 ? -1 : completionTime - submissionTime, stageIds, numStages, completedStages, tasks,
        completedTasks, activeTasks, failedTasks, failureReason);
  }

  /** The DAG: a node per stage and an edge per parent → child pair, labelled with what the parent wrote. */
  DagData toDag(Map<Integer, StageState> stages) {
    List<DagNode> nodes = new ArrayList<>();
    List<DagEdge> edges = new ArrayList<>();
    for (StageState stage : stagesOf(stages)) {
      nodes.add(stage.toNode());
      for (int parentId : stage.parents) {
        StageState parent = stages.get(parentId);
        edges.add(parent == null ? new DagEdge(parentId, stage.stageId, -1, 0, 0)
            : new DagEdge(parentId, stage.stageId, parent.shuffleId, parent.sum(TaskMetrics::rowsOut),
                parent.sum(TaskMetrics::shuffleWriteBytes)));
      }
    }
    return new DagData(jobId, nodes, edges);
  }

  PlanData toPlan(Map<Integer, StageState> stages) {
    List<PlanStageData> planStages = new ArrayList<>();
    for (StageState stage : stagesOf(stages)) {
      planStages.add(stage.toPlan());
    }
    return new PlanData(jobId, plans, planStages);
  }

  private List<StageState> stagesOf(Map<Integer, StageState> stages) {
    List<StageState> result = new ArrayList<>();
    for (int stageId : stageIds) {
      StageState stage = stages.get(stageId);
      if (stage != null) {
        result.add(stage);
      }
    }
    return result;
  }
}
