package dev.sluice.scheduler.cluster;

import dev.sluice.scheduler.actor.TaskBroker;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.ClusterSingletonSettings;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * The cluster's master, a cluster singleton on the {@code master} node: it keeps the workers and
 * the applications, and asks every alive worker to run an executor for every running application.
 *
 * <ul>
 *   <li>{@link MasterProtocol.RegisterWorker}: acknowledged with {@link WorkerProtocol.WorkerRegistered};
 *       the worker is watched and gets a {@link WorkerProtocol.LaunchExecutor} for each running
 *       application. Idempotent: a worker re-sending its registration (same actor) is only
 *       acknowledged again; a new actor under a known worker id (the worker restarted) replaces the
 *       old one and gets the launches anew.
 *   <li>{@link MasterProtocol.RegisterApplication}: named {@code app-<yyyyMMddHHmmss>-<NNNN>} and
 *       answered; every alive worker gets a launch; the driver's broker is watched. Re-sent by the
 *       same driver (same broker) it gets the same answer and launches nothing.
 *   <li>The driver's broker terminates (the driver left or was removed from the cluster) or
 *       {@link MasterProtocol.UnregisterApplication}: the application's workers get {@link
 *       WorkerProtocol.KillApplication} and it is {@code FINISHED}.
 *   <li>A worker terminates (it left or was removed): it is {@code DEAD}.
 * </ul>
 *
 * Executor ids are {@code <appId>-<workerId>} ({@link #executorId}): one executor per application
 * per worker, the same name on every launch, usable as an actor name. At most {@link #RETAINED}
 * finished applications and dead workers are kept for {@link MasterProtocol.GetClusterState}.
 */
public final class Master extends AbstractBehavior<MasterProtocol.Command> {
  /** The singleton's name. */
  public static final String SINGLETON_NAME = "master";
  public static final String ALIVE = "ALIVE";
  public static final String DEAD = "DEAD";
  public static final String RUNNING = "RUNNING";
  public static final String FINISHED = "FINISHED";
  static final int RETAINED = 200;
  private static final DateTimeFormatter APP_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  private record WorkerTerminated(String workerId, ActorRef<WorkerProtocol.Command> worker)
      implements MasterProtocol.Command {}

  private record DriverTerminated(String appId) implements MasterProtocol.Command {}

  private static final class Worker {
    final MasterProtocol.RegisterWorker registration;
    String state = ALIVE;

    Worker(MasterProtocol.RegisterWorker registration) {
      this.registration = registration;
    }

    ActorRef<WorkerProtocol.Command> ref() {
      return registration.worker();
    }
  }

  private static final class Application {
    final String appId;
    final MasterProtocol.RegisterApplication registration;
    final Set<String> workers = new LinkedHashSet<>();
    String state = RUNNING;
    String uiUrl;

    Application(String appId, MasterProtocol.RegisterApplication registration) {
      this.appId = appId;
      this.registration = registration;
    }
  }

  private final Map<String, Worker> workers = new LinkedHashMap<>();
  private final Map<String, Application> applications = new LinkedHashMap<>();
  private int applicationCount;

  private Master(ActorContext<MasterProtocol.Command> context) {
    super(context);
    context.getLog().info("Master started at {}", context.getSelf().path());
  }

  /** The master's behavior (run it through {@link #proxy}, as a cluster singleton). */
  public static Behavior<MasterProtocol.Command> create() {
    return Behaviors.setup(Master::new);
  }

  /**
   * Starts the singleton manager on this node (the master runs only on a {@code master} node) and
   * returns a proxy to the master, wherever it runs; calling it again returns the same proxy.
   */
  public static ActorRef<MasterProtocol.Command> proxy(ActorSystem<?> system) {
    return ClusterSingleton.get(system).init(SingletonActor.of(create(), SINGLETON_NAME)
        .withSettings(ClusterSingletonSettings.create(system).withRole(ClusterNode.MASTER)));
  }

  /** The id of the executor that {@code workerId} runs for {@code appId}. */
  public static String executorId(String appId, String workerId) {
    return appId + "-" + workerId;
  }

  @Override
  public Receive<MasterProtocol.Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(MasterProtocol.RegisterWorker.class, this::onRegisterWorker)
        .onMessage(MasterProtocol.RegisterApplication.class, this::onRegisterApplication)
        .onMessage(MasterProtocol.UnregisterApplication.class, this::onUnregisterApplication)
        .onMessage(MasterProtocol.ApplicationUi.class, this::onApplicationUi)
        .onMessage(MasterProtocol.GetClusterState.class, this::onGetClusterState)
        .onMessage(WorkerTerminated.class, this::onWorkerTerminated)
        .onMessage(DriverTerminated.class, this::onDriverTerminated)
        .build();
  }

  private Behavior<MasterProtocol.Command> onRegisterWorker(MasterProtocol.RegisterWorker message) {
    Worker known = workers.get(message.workerId());
    if (known != null && known.state.equals(ALIVE) && known.ref().equals(message.worker())) {
      message.worker().tell(new WorkerProtocol.WorkerRegistered(getContext().getSelf()));
      return this;
    }
    if (known != null && known.state.equals(ALIVE)) {
      getContext().unwatch(known.ref());
      getContext().getLog().info("Worker {} registered again from a new process; it replaces the old one",
          message.workerId());
    }
    Worker worker = new Worker(message);
    workers.remove(message.workerId());
    workers.put(message.workerId(), worker);
    getContext().watchWith(message.worker(), new WorkerTerminated(message.workerId(), message.worker()));
    message.worker().tell(new WorkerProtocol.WorkerRegistered(getContext().getSelf()));
    List<Application> running = applications.values().stream().filter(app -> app.state.equals(RUNNING)).toList();
    getContext().getLog().info("Worker {} registered: host {}, {} cores, {} MiB of memory, data server {}; "
            + "launching executors for {} running application(s)", message.workerId(), message.host(),
        message.cores(), message.memoryBytes() >> 20, message.dataLocation(), running.size());
    for (Application app : running) {
      launch(app, worker);
    }
    forgetOld(workers, w -> w.state.equals(DEAD));
    return this;
  }

  private Behavior<MasterProtocol.Command> onRegisterApplication(MasterProtocol.RegisterApplication message) {
    for (Application app : applications.values()) {
      if (app.state.equals(RUNNING) && app.registration.broker().equals(message.broker())) {
        message.replyTo().tell(new MasterProtocol.ApplicationRegistered(app.appId, app.workers.size()));
        return this;
      }
    }
    String appId = String.format("app-%s-%04d", LocalDateTime.now().format(APP_TIME), ++applicationCount);
    Application app = new Application(appId, message);
    applications.put(appId, app);
    getContext().watchWith(message.broker(), new DriverTerminated(appId));
    List<Worker> alive = workers.values().stream().filter(w -> w.state.equals(ALIVE)).toList();
    getContext().getLog().info("Application {} ('{}') registered by the driver at {}; launching executors on {} "
        + "worker(s)", appId, message.name(), message.broker().path().address(), alive.size());
    for (Worker worker : alive) {
      launch(app, worker);
    }
    message.replyTo().tell(new MasterProtocol.ApplicationRegistered(appId, alive.size()));
    return this;
  }

  private void launch(Application app, Worker worker) {
    String workerId = worker.registration.workerId();
    MasterProtocol.RegisterApplication registration = app.registration;
    ActorRef<TaskBroker.Command> broker = registration.broker();
    worker.ref().tell(new WorkerProtocol.LaunchExecutor(app.appId, executorId(app.appId, workerId),
        worker.registration.cores(), broker, registration.driverData(), registration.jars(),
        registration.settings()));
    app.workers.add(workerId);
    getContext().getLog().info("Asked worker {} to launch executor {} ({} cores) for application {}", workerId,
        executorId(app.appId, workerId), worker.registration.cores(), app.appId);
  }

  private Behavior<MasterProtocol.Command> onUnregisterApplication(MasterProtocol.UnregisterApplication message) {
    Application app = applications.get(message.appId());
    if (app == null || !app.state.equals(RUNNING)) {
      return this;
    }
    getContext().unwatch(app.registration.broker());
    finish(app, "its driver ended it");
    return this;
  }

  private Behavior<MasterProtocol.Command> onDriverTerminated(DriverTerminated message) {
    Application app = applications.get(message.appId());
    if (app != null && app.state.equals(RUNNING)) {
      finish(app, "its driver at " + app.registration.broker().path().address()
          + " is gone (it left the cluster or was removed from it)");
    }
    return this;
  }

  private void finish(Application app, String reason) {
    app.state = FINISHED;
    List<String> told = new ArrayList<>();
    for (String workerId : app.workers) {
      Worker worker = workers.get(workerId);
      if (worker != null && worker.state.equals(ALIVE)) {
        worker.ref().tell(new WorkerProtocol.KillApplication(app.appId, reason));
        told.add(workerId);
      }
    }
    app.workers.clear();
    getContext().getLog().info("Application {} finished: {}; told {} worker(s) to stop its executors {}",
        app.appId, reason, told.size(), told);
    forgetOld(applications, a -> a.state.equals(FINISHED));
  }

  private Behavior<MasterProtocol.Command> onWorkerTerminated(WorkerTerminated message) {
    Worker worker = workers.get(message.workerId());
    if (worker == null || !worker.state.equals(ALIVE) || !worker.ref().equals(message.worker())) {
      return this;
    }
    worker.state = DEAD;
    int executors = 0;
    for (Application app : applications.values()) {
      if (app.workers.remove(message.workerId())) {
        executors++;
      }
    }
    getContext().getLog().info("Worker {} is DEAD: its node at {} left the cluster or was removed from it; "
        + "it ran executors for {} application(s)", message.workerId(), message.worker().path().address(), executors);
    return this;
  }

  private Behavior<MasterProtocol.Command> onApplicationUi(MasterProtocol.ApplicationUi message) {
    Application app = applications.get(message.appId());
    if (app != null) {
      app.uiUrl = message.uiUrl();
    }
    return this;
  }

  private Behavior<MasterProtocol.Command> onGetClusterState(MasterProtocol.GetClusterState message) {
    List<MasterProtocol.WorkerInfo> workerInfos = new ArrayList<>();
    for (Worker worker : workers.values()) {
      MasterProtocol.RegisterWorker r = worker.registration;
      workerInfos.add(new MasterProtocol.WorkerInfo(r.workerId(), r.host(), r.cores(), r.memoryBytes(),
          worker.state));
    }
    List<MasterProtocol.ApplicationInfo> appInfos = new ArrayList<>();
    for (Application app : applications.values()) {
      appInfos.add(new MasterProtocol.ApplicationInfo(app.appId, app.registration.name(), app.state,
          List.copyOf(app.workers), app.uiUrl));
    }
    message.replyTo().tell(new MasterProtocol.ClusterState(workerInfos, appInfos));
    return this;
  }

  /** Drops the oldest entries matching {@code old} beyond {@link #RETAINED} of them. */
  private static <V> void forgetOld(Map<String, V> entries, Predicate<V> old) {
    long count = entries.values().stream().filter(old).count();
    for (Iterator<V> it = entries.values().iterator(); it.hasNext() && count > RETAINED; ) {
      if (old.test(it.next())) {
        it.remove();
        count--;
      }
    }
  }
}
