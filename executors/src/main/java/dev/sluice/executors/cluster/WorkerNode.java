package dev.sluice.executors.cluster;

import static java.util.Objects.requireNonNull;

import dev.sluice.executors.transfer.DataClient;
import dev.sluice.executors.transfer.DataServer;
import dev.sluice.executors.transfer.ShuffleFileSource;
import dev.sluice.scheduler.cluster.ClusterConfig;
import dev.sluice.scheduler.cluster.ClusterNode;
import dev.sluice.scheduler.cluster.Master;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker process ({@code bin/sluice worker}): a Pekko Cluster node with the role {@code worker}
 * running the {@link Worker} actor, and an Arrow Flight data server that serves the shuffle files
 * of its executors to the other machines. Closing it (or SIGTERM) leaves the cluster gracefully,
 * stops the executors and deletes their files.
 */
public final class WorkerNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerNode.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final String workerId;
  private final BufferAllocator root;
  private final DataServer dataServer;
  private final DataClient client;
  private final ExecutorService blocking;
  private final ActorSystem<Void> system;

  private WorkerNode(String workerId, BufferAllocator root, DataServer dataServer, DataClient client,
      ExecutorService blocking, ActorSystem<Void> system) {
    this.workerId = workerId;
    this.root = root;
    this.dataServer = dataServer;
    this.client = client;
    this.blocking = blocking;
    this.system = system;
  }

  /** Starts a worker; it joins the master's cluster in the background and registers when it is up. */
  public static WorkerNode start(WorkerSettings settings) {
    requireNonNull(settings, "settings is null");
    BufferAllocator root = new RootAllocator(Long.MAX_VALUE);
    DataServer dataServer = null;
    DataClient client = null;
    ExecutorService blocking = null;
    ActorSystem<Void> started = null;
    try {
      Files.createDirectories(settings.workDirectory());
      dataServer = DataServer.start(root, settings.host(), settings.dataPort(), settings.keys());
      dataServer.serve(ShuffleFileSource.PREFIX, new ShuffleFileSource(settings.workDirectory()));
      client = new DataClient(root, settings.keys());
      blocking = Executors.newCachedThreadPool(daemonThreads("sluice-worker-blocking"));
      ClusterNode node = new ClusterNode("worker", settings.host(), settings.port(), settings.masterHost(),
          settings.masterPort(), settings.keys());
      DataServer server = dataServer;
      DataClient dataClient = client;
      ExecutorService pool = blocking;
      ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), ClusterConfig.SYSTEM_NAME,
          ClusterConfig.of(node));
      started = system;
      int boundPort = Cluster.get(system).selfMember().address().getPort().get();
      String workerId = settings.workerId(boundPort);
      system.systemActorOf(Worker.create(workerId, settings, root, dataClient, server.location(), pool,
          Master.proxy(system)), "worker", Props.empty());
      WorkerNode worker = new WorkerNode(workerId, root, dataServer, client, blocking, system);
      LOG.info("Worker {} started: node {}, data server {}, {} cores, {} MiB, work directory {}", worker.workerId,
          system.address(), dataServer.location(), settings.cores(), settings.memoryBytes() >> 20,
          settings.workDirectory());
      return worker;
    } catch (IOException | RuntimeException e) {
      if (started != null) {
        started.terminate();
      }
      closeQuietly(client);
      closeQuietly(dataServer);
      if (blocking != null) {
        blocking.shutdownNow();
      }
      root.close();
      throw e instanceof RuntimeException runtime ? runtime
          : new IllegalStateException("Cannot start the worker: " + e.getMessage(), e);
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.getAndIncrement());
      thread.setDaemon(true);
      return thread;
    };
  }

  public String workerId() {
    return workerId;
  }

  /** The worker's data server ({@code grpc+tls://host:port}). */
  public String dataLocation() {
    return dataServer.location();
  }

  public ActorSystem<Void> system() {
    return system;
  }

  /** Leaves the cluster gracefully, stops the executors, the data server and the allocator. */
  @Override
  public void close() {
    try {
      CoordinatedShutdown.get(system).runAll(CoordinatedShutdown.unknownReason())
          .toCompletableFuture().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("Worker {} did not leave the cluster cleanly: {}", workerId, e.toString());
      system.terminate();
    }
    blocking.shutdownNow();
    closeQuietly(client);
    closeQuietly(dataServer);
    closeQuietly(root);
    LOG.info("Worker {} stopped", workerId);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.warn("Closing {} failed", closeable, e);
    }
  }
}
