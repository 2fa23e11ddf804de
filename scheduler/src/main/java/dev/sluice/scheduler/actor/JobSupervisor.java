package dev.sluice.scheduler.actor;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.scheduler.SchedulerSettings;
import dev.sluice.scheduler.event.EventBus;
import dev.sluice.scheduler.event.SchedulerEvent;
import dev.sluice.scheduler.placement.TaskPlacementPolicy;
import dev.sluice.scheduler.shuffle.MapOutputRegistry;
import dev.sluice.scheduler.stage.JobResult;
import dev.sluice.scheduler.stage.JobSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The guardian of a session's scheduler: owns the {@link TaskBroker}, spawns a {@link
 * JobCoordinator} per submitted job, and cancels every running job when the session closes.
 */
public final class JobSupervisor extends AbstractBehavior<JobSupervisor.Command> {
  /** What the supervisor understands. */
  public sealed interface Command permits SubmitJob, GetBroker, CancelAllJobs, JobEnded {}

  /**
   * Run a job; {@code result} completes when it ends.
   *
   * @param job the planned job
   * @param result completed by the job's coordinator, or exceptionally on cancellation
   */
  public record SubmitJob(JobSpec job, CompletableFuture<JobResult> result) implements Command {
    public SubmitJob {
      requireNonNull(job, "job is null");
      requireNonNull(result, "result is null");
    }
  }

  /**
   * Asks for the task broker, where executors register.
   *
   * @param replyTo who gets the broker
   */
  public record GetBroker(ActorRef<ActorRef<TaskBroker.Command>> replyTo) implements Command {}

  /**
   * Fail every running job with {@code reason} and interrupt its tasks.
   *
   * @param reason why, for the jobs' errors
   * @param replyTo told when every job was told
   */
  public record CancelAllJobs(String reason, ActorRef<Done> replyTo) implements Command {}

  private record JobEnded(int jobId) implements Command {}

  private final ActorRef<TaskBroker.Command> broker;
  private final SchedulerSettings settings;
  private final EventBus events;
  private final MapOutputRegistry registry;
  private final Map<Integer, CompletableFuture<JobResult>> running = new LinkedHashMap<>();

  private JobSupervisor(ActorContext<Command> context, SchedulerSettings settings, EventBus events,
      TaskPlacementPolicy policy, MapOutputRegistry registry) {
    super(context);
    this.settings = settings;
    this.events = events;
    this.registry = registry;
    this.broker = context.spawn(TaskBroker.create(events, policy, registry), "task-broker");
  }

  /**
   * @param settings attempt limits
   * @param events where scheduler events go
   * @param policy how the broker places tasks
   * @param registry where map outputs are registered
   */
  public static Behavior<Command> create(SchedulerSettings settings, EventBus events, TaskPlacementPolicy policy,
      MapOutputRegistry registry) {
    return Behaviors.setup(context -> new JobSupervisor(context, settings, events, policy, registry));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(SubmitJob.class, this::onSubmitJob)
        .onMessage(GetBroker.class, this::onGetBroker)
        .onMessage(CancelAllJobs.class, this::onCancelAllJobs)
        .onMessage(JobEnded.class, this::onJobEnded)
        .build();
  }

  private Behavior<Command> onSubmitJob(SubmitJob message) {
    int jobId = message.job().jobId();
    ActorRef<JobCoordinator.Command> coordinator = getContext().spawn(
        JobCoordinator.create(message.job(), broker, message.result(), settings, events, registry), "job-" + jobId);
    getContext().watchWith(coordinator, new JobEnded(jobId));
    running.put(jobId, message.result());
    return this;
  }

  private Behavior<Command> onGetBroker(GetBroker message) {
    message.replyTo().tell(broker);
    return this;
  }

  private Behavior<Command> onCancelAllJobs(CancelAllJobs message) {
    for (Map.Entry<Integer, CompletableFuture<JobResult>> job : running.entrySet()) {
      broker.tell(new TaskBroker.CancelJob(job.getKey()));
      if (job.getValue().completeExceptionally(new EngineException(ErrorCode.JOB_CANCELLED,
          "Job " + job.getKey() + " was cancelled: " + message.reason()))) {
        events.publish(new SchedulerEvent.JobFailed(job.getKey(), "cancelled: " + message.reason()));
      }
    }
    message.replyTo().tell(Done.getInstance());
    return this;
  }

  private Behavior<Command> onJobEnded(JobEnded message) {
    running.remove(message.jobId());
    return this;
  }
}
