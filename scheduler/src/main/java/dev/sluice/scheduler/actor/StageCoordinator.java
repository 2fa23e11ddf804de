package dev.sluice.scheduler.actor;

import static java.util.Objects.requireNonNull;

import dev.sluice.scheduler.event.EventBus;
import dev.sluice.scheduler.event.SchedulerEvent;
import dev.sluice.scheduler.placement.PendingTask;
import dev.sluice.scheduler.protocol.TaskDescriptor;
import dev.sluice.scheduler.protocol.TaskKey;
import dev.sluice.scheduler.protocol.TaskOutcome;
import dev.sluice.scheduler.stage.StageSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Runs one stage: submits a task per partition to the {@link TaskBroker}, collects outcomes,
 * retries a failed partition (on another executor where possible) until {@code maxAttempts}
 * attempts have failed, then reports to its job once and stops.
 *
 * <pre>
 *   start ──► running ──(every partition succeeded)──► StageSucceeded ──► stopped
 *                │ ▲
 *   (attempt failed, attempts left)──┘ │
 *                └──(attempt failed, none left)──► StageFailed ──► stopped
 * </pre>
 */
public final class StageCoordinator extends AbstractBehavior<StageCoordinator.Command> {
  /** What a stage coordinator understands. */
  public sealed interface Command permits WrappedTaskOutcome {}

  private record WrappedTaskOutcome(TaskOutcome outcome) implements Command {}

  private final int jobId;
  private final StageSpec stage;
  private final ActorRef<TaskBroker.Command> broker;
  private final ActorRef<JobCoordinator.Command> job;
  private final int maxAttempts;
  private final EventBus events;
  private final ActorRef<TaskOutcome> outcomes;
  private final byte[][] results;
  private final int[] failures;
  private final List<Set<String>> failedOn;
  private int remaining;

  private StageCoordinator(ActorContext<Command> context, int jobId, StageSpec stage,
      ActorRef<TaskBroker.Command> broker, ActorRef<JobCoordinator.Command> job, int maxAttempts,
      EventBus events) {
    super(context);
    this.jobId = jobId;
    this.stage = requireNonNull(stage, "stage is null");
    this.broker = broker;
    this.job = job;
    this.maxAttempts = maxAttempts;
    this.events = events;
    this.outcomes = context.messageAdapter(TaskOutcome.class, WrappedTaskOutcome::new);
    this.results = new byte[stage.partitions()][];
    this.failures = new int[stage.partitions()];
    this.failedOn = new ArrayList<>();
    for (int p = 0; p < stage.partitions(); p++) {
      failedOn.add(new LinkedHashSet<>());
    }
    this.remaining = stage.partitions();
    submitAll();
  }

  /**
   * @param jobId the job the stage belongs to
   * @param stage the stage and its serialized tasks
   * @param broker where tasks go
   * @param job who hears the stage's end
   * @param maxAttempts attempts per task before the stage fails, at least 1
   * @param events where task events go
   */
  public static Behavior<Command> create(int jobId, StageSpec stage, ActorRef<TaskBroker.Command> broker,
      ActorRef<JobCoordinator.Command> job, int maxAttempts, EventBus events) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    return Behaviors.setup(context -> new StageCoordinator(context, jobId, stage, broker, job, maxAttempts, events));
  }

  private void submitAll() {
    List<PendingTask> tasks = new ArrayList<>(stage.partitions());
    for (int p = 0; p < stage.partitions(); p++) {
      tasks.add(pendingTask(p, 0));
    }
    events.publish(new SchedulerEvent.StageSubmitted(jobId, stage.stageId(), stage.name(), stage.partitions()));
    broker.tell(new TaskBroker.SubmitTasks(tasks));
  }

  private PendingTask pendingTask(int partition, int attempt) {
    TaskKey key = new TaskKey(jobId, stage.stageId(), partition);
    return new PendingTask(new TaskDescriptor(key, attempt, stage.tasks().get(partition), outcomes),
        failedOn.get(partition));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder().onMessage(WrappedTaskOutcome.class, this::onTaskOutcome).build();
  }

  private Behavior<Command> onTaskOutcome(WrappedTaskOutcome wrapped) {
    TaskOutcome outcome = wrapped.outcome();
    int partition = outcome.key().partition();
    if (results[partition] != null) {
      return this;
    }
    if (outcome instanceof TaskOutcome.Succeeded succeeded) {
      results[partition] = succeeded.result();
      remaining--;
      events.publish(new SchedulerEvent.TaskSucceeded(succeeded.key(), succeeded.attempt(),
          succeeded.executorId(), succeeded.metrics()));
      if (remaining == 0) {
        events.publish(new SchedulerEvent.StageCompleted(jobId, stage.stageId()));
        job.tell(new JobCoordinator.StageSucceeded(stage.stageId(), Arrays.asList(results)));
        return Behaviors.stopped();
      }
      return this;
    }
    TaskOutcome.Failed failed = (TaskOutcome.Failed) outcome;
    failures[partition]++;
    failedOn.get(partition).add(failed.executorId());
    boolean retry = failures[partition] < maxAttempts;
    events.publish(new SchedulerEvent.TaskFailed(failed.key(), failed.attempt(), failed.executorId(),
        String.valueOf(failed.error()), retry));
    if (retry) {
      getContext().getLog().warn("Task {} attempt {} failed on executor {}, retrying: {}", failed.key(),
          failed.attempt(), failed.executorId(), failed.error().toString());
      broker.tell(new TaskBroker.SubmitTasks(List.of(pendingTask(partition, failures[partition]))));
      return this;
    }
    events.publish(new SchedulerEvent.StageFailed(jobId, stage.stageId(), String.valueOf(failed.error())));
    job.tell(new JobCoordinator.StageFailed(stage.stageId(), stage.name(), partition, failures[partition],
        List.copyOf(failedOn.get(partition)), failed.error()));
    return Behaviors.stopped();
  }
}
