package dev.sluice.scheduler.event;

import dev.sluice.scheduler.protocol.TaskKey;
import dev.sluice.scheduler.protocol.TaskMetrics;
import java.util.List;

/**
 * Something the scheduler did, published on the {@link EventBus} in the order each actor did it.
 * Events from the task broker ({@link ExecutorRegistered}, {@link SlotOffered}, {@link
 * TaskQueued}, {@link TaskLaunched}) come from one actor and so are totally ordered among
 * themselves: replaying them reconstructs which slots were idle and which tasks were pending at
 * every moment.
 */
public sealed interface SchedulerEvent {
  /**
   * A job's stages were planned and it was handed to its coordinator.
   *
   * @param jobId the job
   * @param description the action and its call site
   * @param stageIds its stages, parents first
   * @param stages what each stage is: its operators and the stages it reads (the job's DAG)
   * @param plans the plans the job was made from, e.g. logical / optimized / physical, as text
   */
  record JobSubmitted(int jobId, String description, List<Integer> stageIds, List<StageInfo> stages,
      List<PlanText> plans) implements SchedulerEvent {
    public JobSubmitted {
      stageIds = List.copyOf(stageIds);
      stages = List.copyOf(stages);
      plans = List.copyOf(plans);
    }

    public JobSubmitted(int jobId, String description, List<Integer> stageIds) {
      this(jobId, description, stageIds, List.of(), List.of());
    }
  }

  /**
   * The session started.
   *
   * @param appId the application's id (the cluster's, or {@code local-<start millis>})
   * @param name the application's name
   * @param master where it runs
   * @param uiUrl its web UI, or null when the UI is off
   */
  record ApplicationStarted(String appId, String name, String master, String uiUrl) implements SchedulerEvent {}

  /** The session closed. */
  record ApplicationEnded(String appId) implements SchedulerEvent {}

  /** A stage's tasks were handed to the broker. */
  record StageSubmitted(int jobId, int stageId, String name, int tasks) implements SchedulerEvent {}

  /** An executor joined, with this many slots. */
  record ExecutorRegistered(String executorId, int slots) implements SchedulerEvent {}

  /**
   * An executor was lost (its actor stopped, or its machine was removed from the cluster): its
   * slots are gone, its running tasks failed with {@code EXECUTOR_LOST} and its map outputs were
   * unregistered.
   */
  record ExecutorRemoved(String executorId, String reason) implements SchedulerEvent {}

  /** An executor slot asked for work and none was pending: it is idle until a task is launched on it. */
  record SlotOffered(String executorId, int slot) implements SchedulerEvent {}

  /** A task attempt found no free slot and waits for one. */
  record TaskQueued(TaskKey key, int attempt) implements SchedulerEvent {}

  /**
   * A task attempt was given to an executor slot. {@code wasQueued}: the task had been waiting
   * (a {@link TaskQueued} came before); {@code slotWasIdle}: the slot had been waiting (a {@link
   * SlotOffered} came before). Otherwise the other side arrived in the same step.
   */
  record TaskLaunched(TaskKey key, int attempt, String executorId, int slot, boolean wasQueued, boolean slotWasIdle)
      implements SchedulerEvent {}

  /** A task attempt ended well. */
  record TaskSucceeded(TaskKey key, int attempt, String executorId, TaskMetrics metrics) implements SchedulerEvent {}

  /** A task attempt failed; {@code willRetry} tells whether another attempt follows. */
  record TaskFailed(TaskKey key, int attempt, String executorId, String error, boolean willRetry)
      implements SchedulerEvent {}

  /** Every task of a stage succeeded. */
  record StageCompleted(int jobId, int stageId) implements SchedulerEvent {}

  /** A stage gave up. */
  record StageFailed(int jobId, int stageId, String reason) implements SchedulerEvent {}

  /** A job's result is complete. */
  record JobSucceeded(int jobId, long durationNanos) implements SchedulerEvent {}

  /** A job failed or was cancelled. */
  record JobFailed(int jobId, String reason) implements SchedulerEvent {}
}
