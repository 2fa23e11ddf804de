package dev.sluice.executors.cluster;

import static java.util.Objects.requireNonNull;

import dev.sluice.executors.actor.ExecutorAgent;
import dev.sluice.executors.transfer.DataClient;
import dev.sluice.scheduler.cluster.MasterProtocol;
import dev.sluice.scheduler.cluster.TlsProbe;
import dev.sluice.scheduler.cluster.WorkerProtocol;
import dev.sluice.scheduler.protocol.ExecutorProtocol;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.SelfUp;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * A worker: offers its cores to the master (re-sending until acknowledged, so it survives a master
 * that is still starting), and runs one executor per application the master asks it to. Starting
 * an executor fetches the application's jars, which blocks, so it happens on the worker's blocking
 * pool and the result comes back as a message; the executor's {@link ExecutorAgent} is a child of
 * this actor and registers with the application's driver. The application ends when the master
 * says so or when the driver's broker terminates (the driver left or was downed): its agent stops,
 * its tasks are interrupted and its files deleted.
 */
public final class Worker extends AbstractBehavior<WorkerProtocol.Command> {
  private static final Duration REGISTER_EVERY = Duration.ofSeconds(2);
  private static final Duration JOIN_WARNING_AFTER = Duration.ofSeconds(20);

  private enum Tick implements WorkerProtocol.Command { REGISTER, JOIN_CHECK }

  private record Up() implements WorkerProtocol.Command {}

  private record MemberRemoved(Member member) implements WorkerProtocol.Command {}

  private record Started(WorkerProtocol.LaunchExecutor launch, ApplicationExecutor executor)
      implements WorkerProtocol.Command {}

  private record StartFailed(WorkerProtocol.LaunchExecutor launch, Throwable error) implements WorkerProtocol.Command {}

  private record DriverLost(String appId) implements WorkerProtocol.Command {}

  private record JoinDiagnosis(String reason) implements WorkerProtocol.Command {}

  private record Running(ApplicationExecutor executor, ActorRef<ExecutorProtocol.Command> agent) {}

  private final String workerId;
  private final WorkerSettings settings;
  private final BufferAllocator root;
  private final DataClient client;
  private final String dataLocation;
  private final Executor blocking;
  private final ActorRef<MasterProtocol.Command> master;
  private final TimerScheduler<WorkerProtocol.Command> timers;
  private final Map<String, Running> running = new HashMap<>();
  private final Set<String> starting = new HashSet<>();
  private final Set<String> ended = new HashSet<>();
  private boolean up;

  private Worker(ActorContext<WorkerProtocol.Command> context, TimerScheduler<WorkerProtocol.Command> timers,
      String workerId, WorkerSettings settings, BufferAllocator root, DataClient client, String dataLocation,
      Executor blocking, ActorRef<MasterProtocol.Command> master) {
    super(context);
    context.setLoggerName(Worker.class);
    this.timers = timers;
    this.workerId = requireNonNull(workerId, "workerId is null");
    this.settings = requireNonNull(settings, "settings is null");
    this.root = requireNonNull(root, "root is null");
    this.client = requireNonNull(client, "client is null");
    this.dataLocation = requireNonNull(dataLocation, "dataLocation is null");
    this.blocking = requireNonNull(blocking, "blocking is null");
    this.master = requireNonNull(master, "master is null");
    ActorRef<SelfUp> selfUp = context.messageAdapter(SelfUp.class, up -> new Up());
    Cluster.get(context.getSystem()).subscriptions().tell(Subscribe.create(selfUp, SelfUp.class));
    ActorRef<ClusterEvent.MemberRemoved> removed = context.messageAdapter(ClusterEvent.MemberRemoved.class,
        event -> new MemberRemoved(event.member()));
    Cluster.get(context.getSystem()).subscriptions().tell(Subscribe.create(removed, ClusterEvent.MemberRemoved.class));
    timers.startSingleTimer(Tick.JOIN_CHECK, JOIN_WARNING_AFTER);
    timers.startTimerAtFixedRate(Tick.REGISTER, Tick.REGISTER, Duration.ZERO, REGISTER_EVERY);
  }

  /**
   * @param workerId the worker's unique name
   * @param settings how it runs
   * @param root the process's root allocator
   * @param client fetches jars, binaries and shuffle blocks
   * @param dataLocation this worker's data server
   * @param blocking where jar fetches and executor shutdowns run
   * @param master the master singleton's proxy
   */
  public static Behavior<WorkerProtocol.Command> create(String workerId, WorkerSettings settings,
      BufferAllocator root, DataClient client, String dataLocation, Executor blocking,
      ActorRef<MasterProtocol.Command> master) {
    return Behaviors.withTimers(timers -> Behaviors.setup(context -> new Worker(context, timers, workerId, settings,
        root, client, dataLocation, blocking, master)));
  }

  @Override
  public Receive<WorkerProtocol.Command> createReceive() {
    return newReceiveBuilder()
        .onMessageEquals(Tick.REGISTER, this::onRegisterTick)
        .onMessageEquals(Tick.JOIN_CHECK, this::onJoinCheck)
        .onMessage(JoinDiagnosis.class, this::onJoinDiagnosis)
        .onMessage(Up.class, message -> onUp())
        .onMessage(MemberRemoved.class, this::onMemberRemoved)
        .onMessage(WorkerProtocol.WorkerRegistered.class, this::onRegistered)
        .onMessage(WorkerProtocol.LaunchExecutor.class, this::onLaunch)
        .onMessage(Started.class, this::onStarted)
        .onMessage(StartFailed.class, this::onStartFailed)
        .onMessage(WorkerProtocol.KillApplication.class, message -> end(message.appId(), message.reason()))
        .onMessage(DriverLost.class, message -> end(message.appId(), "its driver left the cluster"))
        .onSignal(PostStop.class, signal -> onStop())
        .build();
  }

  private Behavior<WorkerProtocol.Command> onRegisterTick() {
    if (up) {
      master.tell(new MasterProtocol.RegisterWorker(workerId, settings.host(), settings.cores(),
          settings.memoryBytes(), dataLocation, getContext().getSelf()));
    }
    return this;
  }

  private Behavior<WorkerProtocol.Command> onUp() {
    up = true;
    getContext().getLog().info("Worker {} joined the cluster of sluice://{}:{}", workerId, settings.masterHost(),
        settings.masterPort());
    return onRegisterTick();
  }

  /** Without its master a worker can do nothing (a restarted master starts a new cluster): it stops. */
  private Behavior<WorkerProtocol.Command> onMemberRemoved(MemberRemoved message) {
    if (message.member().hasRole("master")) {
      getContext().getLog().error("The master {} left the cluster; worker {} stops", message.member().address(),
          workerId);
      getContext().getSystem().terminate();
    }
    return this;
  }

  private Behavior<WorkerProtocol.Command> onJoinCheck() {
    if (up) {
      return this;
    }
    if (settings.keys() == null) {
      getContext().getSelf().tell(new JoinDiagnosis("is the master running there, with TLS off as here?"));
      return this;
    }
    // find out why off the actor's thread: a TLS handshake with the master, as Artery does it
    CompletableFuture<Optional<String>> probe = CompletableFuture.supplyAsync(
        () -> TlsProbe.check(settings.keys(), settings.masterHost(), settings.masterPort()), blocking);
    getContext().pipeToSelf(probe, (reason, error) -> new JoinDiagnosis(error != null ? error.toString()
        : reason.orElse("the master accepts this worker's key; is the master's host spelled as it was started "
            + "(its address in the cluster)?")));
    return this;
  }

  private Behavior<WorkerProtocol.Command> onJoinDiagnosis(JoinDiagnosis message) {
    if (!up) {
      getContext().getLog().error("Worker {} could not join the cluster at sluice://{}:{} within {} s: {}. The cluster "
              + "key here is {}; every node needs the same one (bin/sluice keygen, then copy the directory). Still "
              + "trying.", workerId, settings.masterHost(), settings.masterPort(), JOIN_WARNING_AFTER.toSeconds(),
          message.reason(), settings.keys() == null ? "off (TLS off)" : settings.keys().directory());
    }
    return this;
  }

  private Behavior<WorkerProtocol.Command> onRegistered(WorkerProtocol.WorkerRegistered message) {
    if (timers.isTimerActive(Tick.REGISTER)) {
      timers.cancel(Tick.REGISTER);
      getContext().getLog().info("Worker {} registered with the master: {} cores, {} MiB", workerId, settings.cores(),
          settings.memoryBytes() >> 20);
    }
    return this;
  }

  private Behavior<WorkerProtocol.Command> onLaunch(WorkerProtocol.LaunchExecutor launch) {
    if (running.containsKey(launch.appId()) || starting.contains(launch.appId()) || ended.contains(launch.appId())) {
      return this;
    }
    starting.add(launch.appId());
    getContext().getLog().info("Starting executor {} for application {}", launch.executorId(), launch.appId());
    CompletableFuture<ApplicationExecutor> started = CompletableFuture.supplyAsync(
        () -> ApplicationExecutor.start(launch, settings, root, client, dataLocation), blocking);
    getContext().pipeToSelf(started, (executor, error) -> executor != null ? new Started(launch, executor)
        : new StartFailed(launch, error));
    return this;
  }

  private Behavior<WorkerProtocol.Command> onStarted(Started message) {
    WorkerProtocol.LaunchExecutor launch = message.launch();
    starting.remove(launch.appId());
    if (ended.contains(launch.appId())) {
      closeLater(message.executor());
      return this;
    }
    ApplicationExecutor executor = message.executor();
    ActorRef<ExecutorProtocol.Command> agent = getContext().spawn(
        ExecutorAgent.create(launch.executorId(), launch.cores(), launch.broker(), executor.runner(),
            executor.threads()),
        "executor-" + launch.appId().replaceAll("[^A-Za-z0-9_-]", "-"));
    getContext().watchWith(launch.broker(), new DriverLost(launch.appId()));
    running.put(launch.appId(), new Running(executor, agent));
    return this;
  }

  private Behavior<WorkerProtocol.Command> onStartFailed(StartFailed message) {
    starting.remove(message.launch().appId());
    getContext().getLog().error("Cannot start an executor for application {}", message.launch().appId(),
        message.error());
    return this;
  }

  private Behavior<WorkerProtocol.Command> end(String appId, String reason) {
    ended.add(appId);
    Running app = running.remove(appId);
    if (app != null) {
      getContext().getLog().info("Stopping the executor of application {}: {}", appId, reason);
      getContext().stop(app.agent());
      closeLater(app.executor());
    }
    return this;
  }

  /** The worker is shutting down: stop every application's tasks now (this blocks, once, at the end). */
  private Behavior<WorkerProtocol.Command> onStop() {
    running.values().forEach(app -> app.executor().close());
    running.clear();
    return this;
  }

  private void closeLater(ApplicationExecutor executor) {
    CompletableFuture.runAsync(executor::close, blocking);
  }
}
