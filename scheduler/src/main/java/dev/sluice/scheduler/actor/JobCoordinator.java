package dev.sluice.scheduler.actor;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.scheduler.event.EventBus;
import dev.sluice.scheduler.event.SchedulerEvent;
import dev.sluice.scheduler.stage.JobResult;
import dev.sluice.scheduler.stage.JobSpec;
import dev.sluice.scheduler.stage.StageSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Runs one job: starts each stage once its parents are done (one {@link StageCoordinator} child
 * per stage), completes the job's future with the result stage's answers, or fails it with the
 * stage, partition, attempts and the user's exception as the cause. Stops when done.
 */
public final class JobCoordinator extends AbstractBehavior<JobCoordinator.Command> {
  /** What a job coordinator understands. */
  public sealed interface Command permits StageSucceeded, StageFailed {}

  /**
   * Every task of a stage succeeded.
   *
   * @param stageId the stage
   * @param results the tasks' answers by partition
   */
  public record StageSucceeded(int stageId, List<byte[]> results) implements Command {
    public StageSucceeded {
      results = List.copyOf(results);
    }
  }

  /**
   * A partition of a stage failed on every attempt.
   *
   * @param stageId the stage
   * @param stageName what the stage computes
   * @param partition the partition that failed
   * @param attempts how many attempts failed
   * @param executors where they failed
   * @param cause the last attempt's error
   */
  public record StageFailed(int stageId, String stageName, int partition, int attempts, List<String> executors,
      Throwable cause) implements Command {}

  private final JobSpec job;
  private final ActorRef<TaskBroker.Command> broker;
  private final CompletableFuture<JobResult> result;
  private final int maxAttempts;
  private final EventBus events;
  private final Set<Integer> finished = new HashSet<>();
  private final Set<Integer> started = new HashSet<>();
  private final long startNanos = System.nanoTime();

  private JobCoordinator(ActorContext<Command> context, JobSpec job, ActorRef<TaskBroker.Command> broker,
      CompletableFuture<JobResult> result, int maxAttempts, EventBus events) {
    super(context);
    this.job = job;
    this.broker = broker;
    this.result = result;
    this.maxAttempts = maxAttempts;
    this.events = events;
    events.publish(new SchedulerEvent.JobSubmitted(job.jobId(), job.description(),
        job.stages().stream().map(StageSpec::stageId).toList()));
    startReadyStages();
  }

  /**
   * @param job the job and its stages
   * @param broker where stages send their tasks
   * @param result completed (either way) when the job ends
   * @param maxAttempts attempts per task
   * @param events where scheduler events go
   */
  public static Behavior<Command> create(JobSpec job, ActorRef<TaskBroker.Command> broker,
      CompletableFuture<JobResult> result, int maxAttempts, EventBus events) {
    return Behaviors.setup(context -> new JobCoordinator(context, job, broker, result, maxAttempts, events));
  }

  private void startReadyStages() {
    for (StageSpec stage : job.stages()) {
      if (!started.contains(stage.stageId()) && finished.containsAll(stage.parents())) {
        started.add(stage.stageId());
        getContext().spawn(StageCoordinator.create(job.jobId(), stage, broker, getContext().getSelf(), maxAttempts,
            events), "stage-" + stage.stageId());
      }
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(StageSucceeded.class, this::onStageSucceeded)
        .onMessage(StageFailed.class, this::onStageFailed)
        .build();
  }

  private Behavior<Command> onStageSucceeded(StageSucceeded message) {
    finished.add(message.stageId());
    if (message.stageId() == job.resultStage().stageId()) {
      events.publish(new SchedulerEvent.JobSucceeded(job.jobId(), System.nanoTime() - startNanos));
      result.complete(new JobResult(job.jobId(), message.results()));
      return Behaviors.stopped();
    }
    startReadyStages();
    return this;
  }

  private Behavior<Command> onStageFailed(StageFailed message) {
    String reason = "Job " + job.jobId() + " (" + job.description() + ") failed: stage " + message.stageId()
        + " (" + message.stageName() + ") partition " + message.partition() + " failed " + message.attempts()
        + (message.attempts() == 1 ? " time" : " times") + " (attempts on executors " + message.executors()
        + "); last error: " + message.cause();
    events.publish(new SchedulerEvent.JobFailed(job.jobId(), reason));
    broker.tell(new TaskBroker.CancelJob(job.jobId()));
    result.completeExceptionally(new EngineException(ErrorCode.TASK_FAILED, reason, message.cause()));
    return Behaviors.stopped();
  }
}
