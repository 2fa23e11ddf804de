package dev.sluice.scheduler.cluster;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.Cluster;

/** Waiting, on an ordinary thread, until a node has joined its cluster. */
public final class ClusterJoin {
  private ClusterJoin() {}

  /**
   * Blocks until this node is an {@code Up} member of its cluster, or fails after {@code timeout}
   * (or as soon as its actor system stops, e.g. when it gave up joining) with a message naming the
   * seed node it tried and the usual causes (no master there, another cluster key, a host spelled
   * differently from the master's own).
   */
  public static void awaitUp(ActorSystem<?> system, Duration timeout) {
    CompletableFuture<Void> up = new CompletableFuture<>();
    Cluster cluster = Cluster.get(Adapter.toClassic(system));
    cluster.registerOnMemberUp(() -> up.complete(null));
    cluster.registerOnMemberRemoved(() -> up.completeExceptionally(new IllegalStateException(
        "the node was removed from the cluster or its actor system stopped")));
    try {
      up.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException(ErrorCode.INTERNAL, "Interrupted while joining the cluster", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new EngineException(ErrorCode.INVALID_CONFIGURATION, "This node (" + cluster.selfAddress()
          + ") did not join the cluster through " + system.settings().config().getStringList(
              "pekko.cluster.seed-nodes") + " within " + timeout.toSeconds() + " s: is the master running there, "
          + "does this node hold the same cluster key (a TLS handshake failure in the log says it does not), and "
          + "is the master's host spelled exactly as the master was started with?", e);
    }
  }
}
