package dev.sluice.scheduler.cluster;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * The master process's node: an actor system with role {@code master} that is the cluster's seed
 * (it joins itself) and runs the {@link Master} singleton. {@link #close()} leaves the cluster
 * gracefully and stops the system; a JVM shutdown hook (SIGTERM) does the same.
 */
public final class MasterNode implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final ActorSystem<Void> system;
  private final ActorRef<MasterProtocol.Command> master;
  private final String host;
  private final int port;

  private MasterNode(ActorSystem<Void> system, ActorRef<MasterProtocol.Command> master, String host, int port) {
    this.system = system;
    this.master = master;
    this.host = host;
    this.port = port;
  }

  /**
   * Starts a master listening on {@code host:port} and waits until it is up.
   *
   * @param host the host name or address workers and drivers use to reach it, spelled as they will
   * @param port its port; 0 picks a free one ({@link #url()} tells which)
   * @param keys the cluster key, or null for plain TCP
   */
  public static MasterNode start(String host, int port, ClusterKeys keys) {
    requireNonNull(host, "host is null");
    ActorSystem<Void> system;
    try {
      system = ActorSystem.create(Behaviors.empty(), ClusterConfig.SYSTEM_NAME,
          ClusterConfig.of(ClusterNode.master(host, port, keys)));
    } catch (RuntimeException e) {
      throw new EngineException(ErrorCode.INVALID_CONFIGURATION, "Cannot start the master on " + host + ":" + port
          + " (is the port in use, or the host not an address of this machine?): " + e.getMessage(), e);
    }
    try {
      Cluster cluster = Cluster.get(system);
      int bound = cluster.selfMember().address().getPort().orElse(port);
      if (port == 0) {
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
      }
      ClusterJoin.awaitUp(system, START_TIMEOUT);
      return new MasterNode(system, Master.proxy(system), host, bound);
    } catch (RuntimeException e) {
      terminate(system);
      throw e;
    }
  }

  /** Where workers and drivers find this master: {@code sluice://host:port}. */
  public String url() {
    return "sluice://" + host + ":" + port;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public ActorSystem<?> system() {
    return system;
  }

  /** The master (a proxy to the singleton). */
  public ActorRef<MasterProtocol.Command> master() {
    return master;
  }

  /** The workers and applications the master knows, asked with {@code timeout}. */
  /** Asks the master for its view of the cluster, without blocking. */
  public CompletionStage<MasterProtocol.ClusterState> askState(Duration timeout) {
    return AskPattern.ask(master(), MasterProtocol.GetClusterState::new, timeout, system.scheduler());
  }

  public MasterProtocol.ClusterState state(Duration timeout) {
    try {
      return AskPattern.<MasterProtocol.Command, MasterProtocol.ClusterState>ask(master,
              MasterProtocol.GetClusterState::new, timeout, system.scheduler())
          .toCompletableFuture()
          .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException(ErrorCode.INTERNAL, "Interrupted while asking the master for its state", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new EngineException(ErrorCode.INTERNAL, "The master at " + url() + " did not answer within "
          + timeout.toMillis() + " ms: " + e, e);
    }
  }

  /** Leaves the cluster gracefully and stops the actor system, waiting at most 30 s. */
  @Override
  public void close() {
    terminate(system);
  }

  private static void terminate(ActorSystem<?> system) {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // stopping regardless
    }
  }
}
