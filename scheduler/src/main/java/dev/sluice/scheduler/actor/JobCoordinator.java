package dev.sluice.scheduler.actor;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.scheduler.SchedulerSettings;
import dev.sluice.scheduler.event.EventBus;
import dev.sluice.scheduler.event.SchedulerEvent;
import dev.sluice.scheduler.event.StageInfo;
import dev.sluice.scheduler.protocol.FetchFailedException;
import dev.sluice.scheduler.shuffle.MapOutputRegistry;
import dev.sluice.scheduler.shuffle.MapStatus;
import dev.sluice.scheduler.stage.JobResult;
import dev.sluice.scheduler.stage.JobSpec;
import dev.sluice.scheduler.stage.StageSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Runs one job: starts each stage once its parents are done (one {@link StageCoordinator} child
 * per stage attempt), completes the job's future with the result stage's answers, or fails it.
 *
 * <p>Lineage recovery: when a reducer cannot read a map output (a fetch failure), the output is
 * unregistered, the map stage is run again for exactly the missing map partitions, and then the
 * reducer's parked partitions run again. A stage that loses its input more than {@code
 * maxStageAttempts} times fails the job; fetch failures reported while a recovery of that shuffle is
 * under way (every reader of a lost output reports it) count as the same loss, and a failure on an
 * output that has been recomputed since the reader looked it up is stale: the reader just runs again. A task failing {@code maxTaskAttempts} times fails it with
 * the stage, partition, attempts and the user's exception as the cause.
 */
public final class JobCoordinator extends AbstractBehavior<JobCoordinator.Command> {
  /** What a job coordinator understands. */
  public sealed interface Command permits StageSucceeded, StageFailed, FetchFailed {}

  /**
   * Every task of a stage attempt succeeded.
   *
   * @param stageId the stage
   * @param results the tasks' answers by partition (empty for partitions not in the attempt)
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

  /**
   * A task of {@code stageId} could not read map output {@code mapIndex} of {@code shuffleId}.
   *
   * @param stageId the reading stage
   * @param shuffleId the shuffle
   * @param mapIndex the lost map output
   * @param cause what the reader saw
   * @param reader the reading stage's coordinator, to resume once the output is back
   */
  public record FetchFailed(int stageId, int shuffleId, int mapIndex, Throwable cause,
      ActorRef<StageCoordinator.Command> reader) implements Command {}

  private final JobSpec job;
  private final ActorRef<TaskBroker.Command> broker;
  private final CompletableFuture<JobResult> result;
  private final SchedulerSettings settings;
  private final EventBus events;
  private final MapOutputRegistry registry;
  private final Map<Integer, StageSpec> stages = new HashMap<>();
  private final Set<Integer> finished = new HashSet<>();
  private final Set<Integer> started = new HashSet<>();
  private final Map<Integer, Integer> fetchFailures = new HashMap<>();
  private final Map<Integer, Set<ActorRef<StageCoordinator.Command>>> waitingReaders = new HashMap<>();
  private final Set<Integer> recomputing = new HashSet<>();
  private final long startNanos = System.nanoTime();
  private int attemptNames;

  private JobCoordinator(ActorContext<Command> context, JobSpec job, ActorRef<TaskBroker.Command> broker,
      CompletableFuture<JobResult> result, SchedulerSettings settings, EventBus events, MapOutputRegistry registry) {
    super(context);
    this.job = job;
    this.broker = broker;
    this.result = result;
    this.settings = settings;
    this.events = events;
    this.registry = registry;
    for (StageSpec stage : job.stages()) {
      stages.put(stage.stageId(), stage);
      if (stage.isShuffleMap()) {
        registry.registerShuffle(stage.shuffleId(), stage.partitions());
      }
    }
    events.publish(new SchedulerEvent.JobSubmitted(job.jobId(), job.description(),
        job.stages().stream().map(StageSpec::stageId).toList(),
        job.stages().stream().map(stage -> new StageInfo(stage.stageId(), stage.name(), stage.parents(),
            stage.partitions(), stage.shuffleId(), stage.operators(), stage.devices())).toList(), job.plans()));
    startReadyStages();
  }

  /**
   * @param job the job and its stages
   * @param broker where stages send their tasks
   * @param result completed (either way) when the job ends
   * @param settings attempt limits
   * @param events where scheduler events go
   * @param registry where map outputs are registered
   */
  public static Behavior<Command> create(JobSpec job, ActorRef<TaskBroker.Command> broker,
      CompletableFuture<JobResult> result, SchedulerSettings settings, EventBus events, MapOutputRegistry registry) {
    return Behaviors.setup(context -> new JobCoordinator(context, job, broker, result, settings, events, registry));
  }

  private void startReadyStages() {
    for (StageSpec stage : job.stages()) {
      if (!started.contains(stage.stageId()) && finished.containsAll(stage.parents())) {
        started.add(stage.stageId());
        startStage(stage, IntStream.range(0, stage.partitions()).boxed().toList());
      }
    }
  }

  private void startStage(StageSpec stage, List<Integer> partitions) {
    getContext().spawn(StageCoordinator.create(job.jobId(), stage, partitions, broker, getContext().getSelf(),
        settings.maxTaskAttempts(), events, registry, settings.payloads()), "stage-" + stage.stageId() + "-" + attemptNames++);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(StageSucceeded.class, this::onStageSucceeded)
        .onMessage(StageFailed.class, this::onStageFailed)
        .onMessage(FetchFailed.class, this::onFetchFailed)
        .build();
  }

  private Behavior<Command> onStageSucceeded(StageSucceeded message) {
    StageSpec stage = stages.get(message.stageId());
    if (stage.isShuffleMap() && recomputing.remove(stage.shuffleId())) {
      return onShuffleRecomputed(stage);
    }
    finished.add(message.stageId());
    if (message.stageId() == job.resultStage().stageId()) {
      events.publish(new SchedulerEvent.JobSucceeded(job.jobId(), System.nanoTime() - startNanos));
      settings.payloads().forgetJob(job.jobId());
      result.complete(new JobResult(job.jobId(), message.results()));
      return Behaviors.stopped();
    }
    startReadyStages();
    return this;
  }

  private Behavior<Command> onShuffleRecomputed(StageSpec mapStage) {
    List<Integer> stillMissing = registry.missing(mapStage.shuffleId());
    if (!stillMissing.isEmpty()) {
      recompute(mapStage, stillMissing);
      return this;
    }
    Set<ActorRef<StageCoordinator.Command>> readers = waitingReaders.remove(mapStage.shuffleId());
    if (readers != null) {
      readers.forEach(reader -> reader.tell(StageCoordinator.ResumeParked.INSTANCE));
    }
    return this;
  }

  private Behavior<Command> onFetchFailed(FetchFailed message) {
    MapStatus registered = registry.output(message.shuffleId(), message.mapIndex());
    boolean stale = message.cause() instanceof FetchFailedException lost && lost.isSupersededBy(registered);
    if (!stale && registered != null) {
      // forget the lost output unless a recomputation (another actor) has just replaced it
      stale = !registry.unregister(message.shuffleId(), message.mapIndex(), registered);
      if (!stale && registered.location() != null) {
        // On a cluster a fetch fails because the writer's machine cannot be reached: its other outputs are
        // lost as well. Forget them all now, so that one recovery round recomputes them together instead of
        // one round (and one stage attempt) per output until the cluster removes the machine.
        int others = registry.unregisterExecutor(registered.executorId());
        if (others > 0) {
          getContext().getLog().warn("Forgot {} more map output(s) of executor {}, whose data server {} failed a "
              + "fetch", others, registered.executorId(), registered.location());
        }
      }
    }
    if (stale) {
      // The reader missed an output that has been recomputed since it looked: no new loss, and the
      // fresh output must stay registered. Run the reader again.
      message.reader().tell(StageCoordinator.ResumeParked.INSTANCE);
      return this;
    }
    waitingReaders.computeIfAbsent(message.shuffleId(), id -> new LinkedHashSet<>()).add(message.reader());
    if (recomputing.contains(message.shuffleId())) {
      // The loss another reader already reported (every reader of a lost output fails on it), or one more
      // output lost meanwhile: the recovery under way recomputes whatever is still missing when it ends, so
      // this is not a further loss of the stage's input.
      return this;
    }
    int losses = fetchFailures.merge(message.stageId(), 1, Integer::sum);
    if (losses > settings.maxStageAttempts()) {
      StageSpec reader = stages.get(message.stageId());
      return fail(new EngineException(ErrorCode.SHUFFLE_OUTPUT_LOST, "Job " + job.jobId() + " (" + job.description()
          + ") failed: stage " + message.stageId() + " (" + reader.name() + ") lost its shuffle input " + losses
          + " times, more than sluice.stage.maxAttempts=" + settings.maxStageAttempts() + " allows; last: "
          + message.cause().getMessage(), message.cause()));
    }
    StageSpec mapStage = job.stages().stream()
        .filter(stage -> stage.shuffleId() == message.shuffleId())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no stage writes shuffle " + message.shuffleId()));
    getContext().getLog().warn("Map output {} of shuffle {} was lost; recomputing it (stage {})",
        message.mapIndex(), message.shuffleId(), mapStage.stageId());
    recompute(mapStage, registry.missing(message.shuffleId()));
    return this;
  }

  private void recompute(StageSpec mapStage, List<Integer> partitions) {
    recomputing.add(mapStage.shuffleId());
    startStage(mapStage, new ArrayList<>(partitions));
  }

  private Behavior<Command> onStageFailed(StageFailed message) {
    String reason = "Job " + job.jobId() + " (" + job.description() + ") failed: stage " + message.stageId()
        + " (" + message.stageName() + ") partition " + message.partition() + " failed " + message.attempts()
        + (message.attempts() == 1 ? " time" : " times") + " (attempts on executors " + message.executors()
        + "); last error: " + message.cause();
    return fail(new EngineException(ErrorCode.TASK_FAILED, reason, message.cause()));
  }

  private Behavior<Command> fail(EngineException error) {
    events.publish(new SchedulerEvent.JobFailed(job.jobId(), error.getMessage()));
    broker.tell(new TaskBroker.CancelJob(job.jobId()));
    settings.payloads().forgetJob(job.jobId());
    result.completeExceptionally(error);
    return Behaviors.stopped();
  }
}
