package dev.sluice.scheduler.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.sluice.scheduler.SchedulerSettings;
import dev.sluice.scheduler.SchedulerSystem;
import dev.sluice.scheduler.event.EventBus;
import dev.sluice.scheduler.placement.FifoPlacementPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real cluster in one JVM over loopback with mutual TLS: a {@link MasterNode}, two fake workers
 * (register, then record what the master sends them) and a driver (a {@link SchedulerSystem} on the
 * cluster configuration) registering an application.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TestClusterMaster {
  private static final Duration WAIT = Duration.ofSeconds(45);

  @TempDir
  static Path temp;

  private static ClusterKeys keys;
  private static MasterNode master;
  private static final List<ActorSystem<?>> SYSTEMS = new ArrayList<>();
  private static final BlockingQueue<WorkerProtocol.Command> WORKER_1 = new LinkedBlockingQueue<>();
  private static final BlockingQueue<WorkerProtocol.Command> WORKER_2 = new LinkedBlockingQueue<>();

  /** Re-sends the registration until the master acknowledges it. */
  private record RetryRegistration() implements WorkerProtocol.Command {}

  @BeforeAll
  static void startCluster() throws InterruptedException {
    keys = ClusterKeys.generate(temp.resolve("keys"));
    master = MasterNode.start("127.0.0.1", 0, keys);
    startWorker("worker-1", keys, WORKER_1);
    startWorker("worker-2", keys, WORKER_2);
    awaitMessage(WORKER_1, WorkerProtocol.WorkerRegistered.class::isInstance);
    awaitMessage(WORKER_2, WorkerProtocol.WorkerRegistered.class::isInstance);
  }

  /** Stops every system at once and waits for them together (Artery 1.7.0 at times takes long to stop). */
  @AfterAll
  static void stopCluster() {
    SYSTEMS.forEach(ActorSystem::terminate);
    if (master != null) {
      master.close();
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    for (ActorSystem<?> system : SYSTEMS) {
      try {
        system.getWhenTerminated().toCompletableFuture()
            .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        // a system that has not stopped yet stops with the JVM
      }
    }
  }

  private static Config node(String role, ClusterKeys nodeKeys) {
    return ClusterConfig.of(new ClusterNode(role, "127.0.0.1", 0, "127.0.0.1", master.port(), nodeKeys));
  }

  private static ActorSystem<Void> startWorker(String workerId, ClusterKeys nodeKeys,
      BlockingQueue<WorkerProtocol.Command> received) {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), ClusterConfig.SYSTEM_NAME,
        node(ClusterNode.WORKER, nodeKeys));
    SYSTEMS.add(system);
    system.systemActorOf(fakeWorker(workerId, Master.proxy(system), received), "worker", Props.empty());
    return system;
  }

  private static Behavior<WorkerProtocol.Command> fakeWorker(String workerId,
      ActorRef<MasterProtocol.Command> master, BlockingQueue<WorkerProtocol.Command> received) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      MasterProtocol.RegisterWorker registration = new MasterProtocol.RegisterWorker(workerId, "127.0.0.1", 2,
          1L << 30, "grpc+tls://127.0.0.1:1", context.getSelf());
      master.tell(registration);
      timers.startTimerWithFixedDelay("register", new RetryRegistration(), Duration.ofSeconds(2));
      return Behaviors.receiveMessage(message -> {
        if (message instanceof RetryRegistration) {
          master.tell(registration);
          return Behaviors.same();
        }
        if (message instanceof WorkerProtocol.WorkerRegistered) {
          timers.cancel("register");
        }
        received.add(message);
        return Behaviors.same();
      });
    }));
  }

  private static <T> T awaitMessage(BlockingQueue<WorkerProtocol.Command> queue, Predicate<Object> wanted)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      WorkerProtocol.Command message = queue.poll(500, TimeUnit.MILLISECONDS);
      if (message != null && wanted.test(message)) {
        @SuppressWarnings("unchecked")
        T found = (T) message;
        return found;
      }
    }
    throw new AssertionError("No wanted message within " + WAIT.toSeconds() + " s");
  }

  @Test
  void testApplicationGetsAnExecutorOnEveryWorkerAndALostDriverKillsIt() throws Exception {
    // "abrupt": the driver's system stops without leaving the cluster, as a killed process would
    Config driverConfig = ConfigFactory.parseString("pekko.coordinated-shutdown.run-by-actor-system-terminate = off")
        .withFallback(node(ClusterNode.DRIVER, keys));
    SchedulerSystem driver = new SchedulerSystem(ClusterConfig.SYSTEM_NAME, driverConfig,
        TestClusterMaster.class.getClassLoader(), new SchedulerSettings(4, 4), new EventBus(),
        new FifoPlacementPolicy());
    SYSTEMS.add(driver.system());
    ClusterJoin.awaitUp(driver.system(), WAIT);
    ActorRef<MasterProtocol.Command> proxy = Master.proxy(driver.system());

    MasterProtocol.ApplicationRegistered registered = AskPattern.<MasterProtocol.Command,
            MasterProtocol.ApplicationRegistered>ask(proxy, replyTo -> new MasterProtocol.RegisterApplication(
            "test app", driver.broker(), "grpc+tls://127.0.0.1:2", List.of("app.jar"), Map.of("sluice.x", "1"),
            replyTo), WAIT, driver.system().scheduler())
        .toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(registered.appId()).matches("app-\\d{14}-\\d{4}");
    for (BlockingQueue<WorkerProtocol.Command> worker : List.of(WORKER_1, WORKER_2)) {
      WorkerProtocol.LaunchExecutor launch = awaitMessage(worker,
          m -> m instanceof WorkerProtocol.LaunchExecutor l && l.appId().equals(registered.appId()));
      assertThat(launch.broker().path().toStringWithoutAddress())
          .isEqualTo(driver.broker().path().toStringWithoutAddress());
      assertThat(launch.jars()).containsExactly("app.jar");
      assertThat(launch.executorId()).startsWith(registered.appId() + "-worker-");
    }
    assertThat(master.state(WAIT).applications()).anySatisfy(app -> {
      assertThat(app.appId()).isEqualTo(registered.appId());
      assertThat(app.state()).isEqualTo(Master.RUNNING);
      assertThat(app.executors()).contains("worker-1", "worker-2");
    });

    driver.system().terminate();

    for (BlockingQueue<WorkerProtocol.Command> worker : List.of(WORKER_1, WORKER_2)) {
      WorkerProtocol.KillApplication kill = awaitMessage(worker,
          m -> m instanceof WorkerProtocol.KillApplication k && k.appId().equals(registered.appId()));
      assertThat(kill.reason()).contains("driver");
    }
    assertThat(master.state(WAIT).applications())
        .anySatisfy(app -> assertThat(app.state()).isEqualTo(Master.FINISHED));
  }

  @Test
  void testWorkerThatLeavesIsDead() throws Exception {
    BlockingQueue<WorkerProtocol.Command> received = new LinkedBlockingQueue<>();
    ActorSystem<Void> worker = startWorker("worker-3", keys, received);
    awaitMessage(received, WorkerProtocol.WorkerRegistered.class::isInstance);
    assertThat(workerState("worker-3")).isEqualTo(Master.ALIVE);

    worker.terminate(); // leaves the cluster gracefully, as on SIGTERM

    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!Master.DEAD.equals(workerState("worker-3")) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(workerState("worker-3")).isEqualTo(Master.DEAD);
    assertThat(workerState("worker-1")).isEqualTo(Master.ALIVE);
  }

  private static String workerState(String workerId) {
    return master.state(WAIT).workers().stream().filter(w -> w.workerId().equals(workerId))
        .map(MasterProtocol.WorkerInfo::state).findFirst().orElse(null);
  }

  @Test
  void testNodeWithAnotherKeyCannotJoin() throws Exception {
    ClusterKeys other = ClusterKeys.generate(temp.resolve("other-keys"));
    BlockingQueue<WorkerProtocol.Command> received = new LinkedBlockingQueue<>();
    ActorSystem<Void> intruder = startWorker("intruder", other, received);
    Address intruderAddress = Cluster.get(intruder).selfMember().address();
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline) {
        assertThat(Cluster.get(intruder).selfMember().status()).isNotEqualTo(MemberStatus.up());
        for (org.apache.pekko.cluster.Member member : Cluster.get(master.system()).state().getMembers()) {
          assertThat(member.address()).isNotEqualTo(intruderAddress);
        }
        Thread.sleep(250);
      }
      assertThat(received).isEmpty();
      assertThat(master.state(WAIT).workers()).noneMatch(w -> w.workerId().equals("intruder"));
    } finally {
      intruder.terminate();
    }
  }
}
