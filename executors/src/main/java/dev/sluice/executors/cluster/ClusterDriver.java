package dev.sluice.executors.cluster;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.config.MasterUrl;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.executors.transfer.DataServer;
import dev.sluice.executors.transfer.DriverPayloads;
import dev.sluice.executors.transfer.MapOutputSource;
import dev.sluice.scheduler.SchedulerSystem;
import dev.sluice.scheduler.cluster.ClusterConfig;
import dev.sluice.scheduler.cluster.ClusterKeys;
import dev.sluice.scheduler.cluster.ClusterNode;
import dev.sluice.scheduler.cluster.Master;
import dev.sluice.scheduler.cluster.MasterProtocol;
import dev.sluice.scheduler.event.SchedulerEvent;
import dev.sluice.scheduler.event.SchedulerListener;
import dev.sluice.scheduler.protocol.TaskPayloads;
import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's side of cluster mode, beside its {@link SchedulerSystem}: the driver's Arrow Flight
 * data server (the application's jars, task binaries too large for a message, map output lookups,
 * and the results executors put), the application's registration with the master, and the wait
 * for its first executors. Local mode's counterpart is {@code LocalExecutors}.
 */
public final class ClusterDriver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterDriver.class);
  private static final String JAR_PREFIX = "jar";
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);
  /** After the first executor, how long to wait for the others the master asked for. */
  private static final Duration OTHERS_GRACE = Duration.ofSeconds(10);

  private final MasterUrl master;
  private final String host;
  private final ClusterKeys keys;
  private final DataServer dataServer;
  private final DriverPayloads payloads;
  private final List<String> jarRefs;
  private final Map<String, Integer> executorSlots = new ConcurrentHashMap<>();
  private SchedulerSystem scheduler;
  private ActorRef<MasterProtocol.Command> masterRef;
  private String appId;

  private ClusterDriver(MasterUrl master, String host, ClusterKeys keys, DataServer dataServer,
      DriverPayloads payloads, List<String> jarRefs) {
    this.master = master;
    this.host = host;
    this.keys = keys;
    this.dataServer = dataServer;
    this.payloads = payloads;
    this.jarRefs = jarRefs;
  }

  /**
   * Starts the driver's data server and offers the application's jars on it.
   *
   * @param master the cluster's master
   * @param root the driver's root allocator
   * @param host the address workers reach the driver at
   * @param dataPort the data server's port (0: any free port)
   * @param keys the cluster's key, or null when TLS is off
   * @param jars the application's jars (may be empty when the workers already have its classes)
   */
  public static ClusterDriver start(MasterUrl master, BufferAllocator root, String host, int dataPort,
      ClusterKeys keys, List<Path> jars) {
    requireNonNull(master, "master is null");
    for (Path jar : jars) {
      if (!Files.isRegularFile(jar)) {
        throw new EngineException(ErrorCode.INVALID_CONFIGURATION, "Application jar " + jar
            + " (from sluice.jars) is not a file");
      }
    }
    DataServer dataServer = DataServer.start(root, host, dataPort, keys);
    List<Path> shipped = List.copyOf(jars);
    dataServer.serve(JAR_PREFIX, rest -> {
      int index;
      try {
        index = Integer.parseInt(rest);
      } catch (NumberFormatException e) {
        throw new NoSuchFileException("jar " + rest);
      }
      if (index < 0 || index >= shipped.size()) {
        throw new NoSuchFileException("jar " + rest);
      }
      return Files.newInputStream(shipped.get(index));
    });
    List<String> refs = new ArrayList<>();
    for (int i = 0; i < shipped.size(); i++) {
      refs.add(JAR_PREFIX + "/" + i);
    }
    DriverPayloads payloads = new DriverPayloads(dataServer, DriverPayloads.DEFAULT_INLINE_LIMIT_BYTES);
    return new ClusterDriver(master, host, keys, dataServer, payloads, List.copyOf(refs));
  }

  /** How task binaries and results travel: large ones through the data server. */
  public TaskPayloads payloads() {
    return payloads;
  }

  /** The Pekko configuration of the driver's cluster node. */
  public Config actorConfig(int port) {
    return ClusterConfig.of(new ClusterNode("driver", host, port, master.host(), master.port(), keys));
  }

  /** The driver's data server ({@code grpc+tls://host:port}). */
  public String dataLocation() {
    return dataServer.location();
  }

  /**
   * Registers the application with the master and waits for its executors: at least one within
   * {@code timeout}, then briefly for the others the master asked for. Returns the total slots.
   *
   * @param scheduler the driver's scheduler, started with {@link #actorConfig} and {@link #payloads}
   * @param appName the application's name
   * @param executorSettings the {@code sluice.*} settings executors need
   * @param timeout how long to wait for the first executor
   */
  public int register(SchedulerSystem scheduler, String appName, Map<String, String> executorSettings,
      Duration timeout) {
    this.scheduler = requireNonNull(scheduler, "scheduler is null");
    dataServer.serve(MapOutputSource.PREFIX, new MapOutputSource(scheduler.mapOutputs()));
    CountDownLatch first = new CountDownLatch(1);
    SchedulerListener counter = event -> {
      if (event instanceof SchedulerEvent.ExecutorRegistered registered) {
        executorSlots.put(registered.executorId(), registered.slots());
        first.countDown();
      } else if (event instanceof SchedulerEvent.ExecutorRemoved removed) {
        executorSlots.remove(removed.executorId());
      }
    };
    scheduler.events().addListener(counter);
    masterRef = Master.proxy(scheduler.system());
    MasterProtocol.ApplicationRegistered registered;
    try {
      registered = AskPattern.<MasterProtocol.Command, MasterProtocol.ApplicationRegistered>ask(masterRef,
              replyTo -> new MasterProtocol.RegisterApplication(appName, scheduler.broker(), dataServer.location(),
                  jarRefs, executorSettings, replyTo), ASK_TIMEOUT, scheduler.system().scheduler())
          .toCompletableFuture().get(ASK_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException(ErrorCode.JOB_CANCELLED, "Interrupted while registering with " + master, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new EngineException(ErrorCode.INVALID_CONFIGURATION, "The master at " + master + " did not answer within "
          + ASK_TIMEOUT.toSeconds() + " s. Is it running (bin/sluice master), and does this driver hold the cluster's "
          + "key (" + (keys == null ? "TLS is off here" : keys.directory().toString()) + ")?", e);
    }
    appId = registered.appId();
    // when the session closes, say so before leaving the cluster: the workers stop its executors at once
    CoordinatedShutdown.get(scheduler.system()).addTask(CoordinatedShutdown.PhaseBeforeClusterShutdown(),
        "sluice-unregister-application", () -> {
          masterRef.tell(new MasterProtocol.UnregisterApplication(appId));
          return CompletableFuture.completedFuture(Done.done());
        });
    LOG.info("Application {} registered with {}; {} worker(s) asked to start an executor. Driver node {}, data "
        + "server {}", appId, master, registered.workers(), scheduler.system().address(), dataServer.location());
    try {
      if (!first.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new EngineException(ErrorCode.INVALID_CONFIGURATION, "No executor registered within "
            + timeout.toSeconds() + " s: the master at " + master + " has " + registered.workers()
            + " worker(s). Start one with: bin/sluice worker --master " + master);
      }
      long deadline = System.nanoTime() + OTHERS_GRACE.toNanos();
      while (executorSlots.size() < registered.workers() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException(ErrorCode.JOB_CANCELLED, "Interrupted while waiting for executors", e);
    }
    return slots();
  }

  /** Tells the master where the driver's web UI is, so that the master's UI links to it. */
  public void announceUi(String uiUrl) {
    if (masterRef != null && appId != null) {
      masterRef.tell(new MasterProtocol.ApplicationUi(appId, uiUrl));
    }
  }

  /** Slots of the executors registered now. */
  public int slots() {
    return executorSlots.values().stream().mapToInt(Integer::intValue).sum();
  }

  public String appId() {
    return appId;
  }

  /** Stops the data server (after the scheduler closed, which told the master the application ended). */
  @Override
  public void close() {
    try {
      dataServer.close();
    } catch (Exception e) {
      LOG.warn("Closing the driver's data server failed", e);
    }
  }
}
