package dev.sluice.scheduler;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.scheduler.actor.JobSupervisor;
import dev.sluice.scheduler.actor.TaskBroker;
import dev.sluice.scheduler.event.EventBus;
import dev.sluice.scheduler.placement.TaskPlacementPolicy;
import dev.sluice.scheduler.shuffle.MapOutputRegistry;
import dev.sluice.scheduler.stage.JobResult;
import dev.sluice.scheduler.stage.JobSpec;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.BootstrapSetup;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * A session's scheduler: one Pekko {@link ActorSystem} whose guardian is the {@link JobSupervisor}.
 * This class is the blocking edge for callers on ordinary threads (the driver's action, the
 * session's close); nothing in it runs inside an actor. In local mode the actor system is a plain
 * local one; a cluster driver starts it with the cluster's configuration (see {@code
 * dev.sluice.scheduler.cluster.ClusterConfig}) so that executors on other machines reach its broker.
 */
public final class SchedulerSystem implements AutoCloseable {
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);

  private final ActorSystem<JobSupervisor.Command> system;
  private final ActorRef<TaskBroker.Command> broker;
  private final EventBus events;
  private final MapOutputRegistry registry = new MapOutputRegistry();
  private final Set<CompletableFuture<JobResult>> running = ConcurrentHashMap.newKeySet();

  /**
   * Starts the actor system.
   *
   * @param name the actor system's name (letters, digits, '-' and '_')
   * @param settings attempt limits
   * @param events where scheduler events go
   * @param policy how tasks are placed on executors
   */
  public SchedulerSystem(String name, SchedulerSettings settings, EventBus events, TaskPlacementPolicy policy) {
    this(name, actorConfig(), SchedulerSystem.class.getClassLoader(), settings, events, policy);
  }

  /**
   * Starts the actor system with the given configuration, e.g. a cluster driver's ({@code
   * ClusterConfig.of(node)} with system name {@code ClusterConfig.SYSTEM_NAME}).
   *
   * @param name the actor system's name; every node of a cluster uses the same
   * @param config the complete configuration (nothing is added to it)
   * @param classLoader the actor system's class loader: messages are deserialized with it, so it must
   *     see the application's classes (user exceptions inside task outcomes)
   * @param settings attempt limits
   * @param events where scheduler events go
   * @param policy how tasks are placed on executors
   */
  public SchedulerSystem(String name, Config config, ClassLoader classLoader, SchedulerSettings settings,
      EventBus events, TaskPlacementPolicy policy) {
    this.events = requireNonNull(events, "events is null");
    requireNonNull(config, "config is null");
    requireNonNull(classLoader, "classLoader is null");
    this.system = ActorSystem.create(JobSupervisor.create(settings, events, policy, registry), name,
        BootstrapSetup.create(config).withClassloader(classLoader));
    try {
      this.broker = AskPattern.<JobSupervisor.Command, ActorRef<TaskBroker.Command>>ask(
              system, JobSupervisor.GetBroker::new, ASK_TIMEOUT, system.scheduler())
          .toCompletableFuture()
          .get(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      system.terminate();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new EngineException(ErrorCode.INTERNAL, "The scheduler did not start: " + e, e);
    }
    failRunningJobsOnTermination();
  }

  /** The configuration of a local-mode scheduler: slf4j logging, no JVM shutdown hooks. */
  public static Config actorConfig() {
    return ConfigFactory.parseString(String.join("\n",
            "pekko.loggers = [\"org.apache.pekko.event.slf4j.Slf4jLogger\"]",
            "pekko.logging-filter = \"org.apache.pekko.event.slf4j.Slf4jLoggingFilter\"",
            "pekko.loglevel = INFO",
            "pekko.log-dead-letters = off",
            "pekko.log-dead-letters-during-shutdown = off",
            "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off",
            "pekko.jvm-shutdown-hooks = off"))
        .withFallback(ConfigFactory.load());
  }

  /** Where executors register and pull tasks. */
  public ActorRef<TaskBroker.Command> broker() {
    return broker;
  }

  /** Where map outputs are; shared with local executors. */
  public MapOutputRegistry mapOutputs() {
    return registry;
  }

  public EventBus events() {
    return events;
  }

  /** The actor system, for asking and spawning at its edge (e.g. a cluster driver's registration). */
  public ActorSystem<?> system() {
    return system;
  }

  /** Starts an actor at the top of this system, e.g. a local executor agent. */
  public <T> ActorRef<T> spawn(Behavior<T> behavior, String name) {
    return system.systemActorOf(behavior, name, Props.empty());
  }

  /** Asks every executor to delete its files of these shuffles (their job has ended); does not wait. */
  public void removeShuffles(List<Integer> shuffleIds) {
    if (!shuffleIds.isEmpty()) {
      broker.tell(new TaskBroker.RemoveShuffles(shuffleIds));
    }
  }

  /** Submits a job; the future completes with its result or fails with an {@link EngineException}. */
  public CompletableFuture<JobResult> submit(JobSpec job) {
    CompletableFuture<JobResult> result = new CompletableFuture<>();
    running.add(result);
    result.whenComplete((answer, error) -> running.remove(result));
    if (system.whenTerminated().isCompleted()) {
      result.completeExceptionally(stopped());
    }
    system.tell(new JobSupervisor.SubmitJob(job, result));
    return result;
  }

  /**
   * Fails the futures of jobs still running when the actor system stops for any reason (the session
   * closed, or a cluster driver was downed and its system shut itself down), so no caller waits forever.
   */
  private void failRunningJobsOnTermination() {
    system.getWhenTerminated().thenRun(() -> {
      for (CompletableFuture<JobResult> job : running) {
        job.completeExceptionally(stopped());
      }
    });
  }

  private static EngineException stopped() {
    return new EngineException(ErrorCode.JOB_CANCELLED, "The scheduler stopped (the session was closed, or this "
        + "driver was removed from its cluster) before the job ended");
  }

  /**
   * Cancels every running job (their futures fail with {@link ErrorCode#JOB_CANCELLED} and their
   * tasks are interrupted), then stops the actor system and waits for it.
   */
  @Override
  public void close() {
    try {
      AskPattern.<JobSupervisor.Command, org.apache.pekko.Done>ask(system,
              replyTo -> new JobSupervisor.CancelAllJobs("the session was closed", replyTo), ASK_TIMEOUT,
              system.scheduler())
          .toCompletableFuture()
          .get(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // the system is going away regardless
    } finally {
      // a cluster driver leaves the cluster gracefully (its executors stop at once instead of after
      // the failure detector gives up on it); in local mode this just terminates the system
      CoordinatedShutdown.get(system).runAll(CoordinatedShutdown.unknownReason());
      try {
        system.getWhenTerminated().toCompletableFuture().get(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        // nothing more to do
      }
    }
  }
}
