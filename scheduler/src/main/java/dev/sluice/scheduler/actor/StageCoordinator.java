package dev.sluice.scheduler.actor;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.scheduler.event.EventBus;
import dev.sluice.scheduler.event.SchedulerEvent;
import dev.sluice.scheduler.placement.PendingTask;
import dev.sluice.scheduler.protocol.FetchFailedException;
import dev.sluice.scheduler.protocol.TaskPayloads;
import dev.sluice.scheduler.protocol.TaskKey;
import dev.sluice.scheduler.protocol.TaskOutcome;
import dev.sluice.scheduler.shuffle.MapOutputRegistry;
import dev.sluice.scheduler.stage.StageSpec;
import java.util.ArrayList;
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
 * Runs one attempt of a stage over a set of its partitions (all of them, or, when lost shuffle
 * output is recomputed, only the missing ones): submits a task per partition to the {@link
 * TaskBroker}, registers the output of shuffle-map tasks, retries a failed partition (on another
 * executor where possible) until {@code maxAttempts} attempts have failed, then reports to its job
 * once and stops.
 *
 * <pre>
 *   start ──► running ──(every partition succeeded)──► StageSucceeded ──► stopped
 *              │  ▲  ▲
 *              │  │  └──(attempt failed, attempts left: resubmit)
 *              │  └──(ResumeParked: resubmit partitions parked by a fetch failure)
 *              ├──(fetch failure: park partition, tell the job which map output is lost)
 *              └──(attempt failed, none left)──► StageFailed ──► stopped
 * </pre>
 */
public final class StageCoordinator extends AbstractBehavior<StageCoordinator.Command> {
  /** What a stage coordinator understands. */
  public sealed interface Command permits WrappedTaskOutcome, ResumeParked, NothingToRun {}

  /** The lost shuffle input was recomputed: run the partitions parked by fetch failures again. */
  public enum ResumeParked implements Command {
    INSTANCE
  }

  private record WrappedTaskOutcome(TaskOutcome outcome) implements Command {}

  /** Sent to itself when an attempt starts with no partition left to run. */
  private enum NothingToRun implements Command {
    INSTANCE
  }

  private final int jobId;
  private final StageSpec stage;
  private final ActorRef<TaskBroker.Command> broker;
  private final ActorRef<JobCoordinator.Command> job;
  private final int maxAttempts;
  private final EventBus events;
  private final MapOutputRegistry registry;
  private final TaskPayloads payloads;
  private final ActorRef<TaskOutcome> outcomes;
  private final byte[][] results;
  private final boolean[] done;
  private final int[] failures;
  private final int[] launched;
  private final List<Set<String>> failedOn;
  private final Set<Integer> parked = new LinkedHashSet<>();
  private int remaining;

  private StageCoordinator(ActorContext<Command> context, int jobId, StageSpec stage, List<Integer> partitions,
      ActorRef<TaskBroker.Command> broker, ActorRef<JobCoordinator.Command> job, int maxAttempts, EventBus events,
      MapOutputRegistry registry, TaskPayloads payloads) {
    super(context);
    this.jobId = jobId;
    this.stage = requireNonNull(stage, "stage is null");
    this.broker = broker;
    this.job = job;
    this.maxAttempts = maxAttempts;
    this.events = events;
    this.registry = registry;
    this.payloads = requireNonNull(payloads, "payloads is null");
    this.outcomes = context.messageAdapter(TaskOutcome.class, WrappedTaskOutcome::new);
    this.results = new byte[stage.partitions()][];
    this.done = new boolean[stage.partitions()];
    this.failures = new int[stage.partitions()];
    this.launched = new int[stage.partitions()];
    this.failedOn = new ArrayList<>();
    for (int p = 0; p < stage.partitions(); p++) {
      failedOn.add(new LinkedHashSet<>());
      done[p] = true;
    }
    for (int p : partitions) {
      done[p] = false;
    }
    this.remaining = partitions.size();
    events.publish(new SchedulerEvent.StageSubmitted(jobId, stage.stageId(), stage.name(), partitions.size()));
    submit(partitions);
    if (remaining == 0) {
      // nothing left to run (e.g. the outputs to recompute were re-registered meanwhile): done at once
      context.getSelf().tell(NothingToRun.INSTANCE);
    }
  }

  /**
   * @param jobId the job the stage belongs to
   * @param stage the stage and its serialized tasks
   * @param partitions the partitions to run in this attempt of the stage
   * @param broker where tasks go
   * @param job who hears the stage's end
   * @param maxAttempts attempts per task before the stage fails, at least 1
   * @param events where task events go
   * @param registry where shuffle-map tasks' outputs are registered
   * @param payloads how task binaries and results travel
   */
  public static Behavior<Command> create(int jobId, StageSpec stage, List<Integer> partitions,
      ActorRef<TaskBroker.Command> broker, ActorRef<JobCoordinator.Command> job, int maxAttempts, EventBus events,
      MapOutputRegistry registry, TaskPayloads payloads) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    List<Integer> copy = List.copyOf(partitions);
    return Behaviors.setup(context -> new StageCoordinator(context, jobId, stage, copy, broker, job, maxAttempts,
        events, registry, payloads));
  }

  /** A stage coordinator whose task bytes travel inline (local mode). */
  public static Behavior<Command> create(int jobId, StageSpec stage, List<Integer> partitions,
      ActorRef<TaskBroker.Command> broker, ActorRef<JobCoordinator.Command> job, int maxAttempts, EventBus events,
      MapOutputRegistry registry) {
    return create(jobId, stage, partitions, broker, job, maxAttempts, events, registry, TaskPayloads.INLINE);
  }

  private void submit(Iterable<Integer> partitions) {
    List<PendingTask> tasks = new ArrayList<>();
    for (int partition : partitions) {
      TaskKey key = new TaskKey(jobId, stage.stageId(), partition);
      tasks.add(new PendingTask(payloads.describe(key, launched[partition]++, stage.tasks().get(partition), outcomes),
          failedOn.get(partition)));
    }
    if (!tasks.isEmpty()) {
      broker.tell(new TaskBroker.SubmitTasks(tasks));
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(WrappedTaskOutcome.class, this::onTaskOutcome)
        .onMessageEquals(ResumeParked.INSTANCE, this::onResumeParked)
        .onMessageEquals(NothingToRun.INSTANCE, this::finish)
        .build();
  }

  private Behavior<Command> onResumeParked() {
    List<Integer> resume = new ArrayList<>(parked);
    parked.clear();
    submit(resume);
    return this;
  }

  private Behavior<Command> onTaskOutcome(WrappedTaskOutcome wrapped) {
    TaskOutcome outcome = wrapped.outcome();
    int partition = outcome.key().partition();
    if (done[partition]) {
      return this;
    }
    if (outcome instanceof TaskOutcome.Succeeded succeeded) {
      return onSucceeded(partition, succeeded);
    }
    TaskOutcome.Failed failed = (TaskOutcome.Failed) outcome;
    if (failed.error() instanceof FetchFailedException lost) {
      events.publish(new SchedulerEvent.TaskFailed(failed.key(), failed.attempt(), failed.executorId(),
          String.valueOf(lost), true));
      parked.add(partition);
      job.tell(new JobCoordinator.FetchFailed(stage.stageId(), lost.shuffleId(), lost.mapIndex(), lost,
          getContext().getSelf()));
      return this;
    }
    return onFailed(partition, failed);
  }

  private Behavior<Command> onFailed(int partition, TaskOutcome.Failed failed) {
    if (failed.error() instanceof EngineException lost && lost.code() == ErrorCode.EXECUTOR_LOST) {
      // not the task's fault (as Spark, losing the executor does not count against the task's attempts)
      events.publish(new SchedulerEvent.TaskFailed(failed.key(), failed.attempt(), failed.executorId(),
          String.valueOf(failed.error()), true));
      getContext().getLog().warn("Task {} attempt {} was lost with executor {}; running it again", failed.key(),
          failed.attempt(), failed.executorId());
      submit(List.of(partition));
      return this;
    }
    failures[partition]++;
    failedOn.get(partition).add(failed.executorId());
    boolean retry = failures[partition] < maxAttempts;
    events.publish(new SchedulerEvent.TaskFailed(failed.key(), failed.attempt(), failed.executorId(),
        String.valueOf(failed.error()), retry));
    if (retry) {
      getContext().getLog().warn("Task {} attempt {} failed on executor {}, retrying: {}", failed.key(),
          failed.attempt(), failed.executorId(), failed.error().toString());
      submit(List.of(partition));
      return this;
    }
    events.publish(new SchedulerEvent.StageFailed(jobId, stage.stageId(), String.valueOf(failed.error())));
    job.tell(new JobCoordinator.StageFailed(stage.stageId(), stage.name(), partition, failures[partition],
        List.copyOf(failedOn.get(partition)), failed.error()));
    return Behaviors.stopped();
  }

  private Behavior<Command> onSucceeded(int partition, TaskOutcome.Succeeded succeeded) {
    byte[] result;
    try {
      result = payloads.result(succeeded);
    } catch (RuntimeException e) {
      // the answer did not arrive (e.g. a result put on the driver is missing): run the task again
      return onFailed(partition, new TaskOutcome.Failed(succeeded.key(), succeeded.attempt(), succeeded.executorId(),
          e));
    }
    if (stage.isShuffleMap() && succeeded.mapStatus() != null) {
      registry.register(stage.shuffleId(), partition, succeeded.mapStatus());
    }
    results[partition] = result;
    done[partition] = true;
    remaining--;
    events.publish(new SchedulerEvent.TaskSucceeded(succeeded.key(), succeeded.attempt(), succeeded.executorId(),
        succeeded.metrics()));
    return remaining == 0 ? finish() : this;
  }

  private Behavior<Command> finish() {
    events.publish(new SchedulerEvent.StageCompleted(jobId, stage.stageId()));
    List<byte[]> answers = new ArrayList<>(results.length);
    for (byte[] result : results) {
      answers.add(result == null ? new byte[0] : result);
    }
    job.tell(new JobCoordinator.StageSucceeded(stage.stageId(), answers));
    return Behaviors.stopped();
  }
}
