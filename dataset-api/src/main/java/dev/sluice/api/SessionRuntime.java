package dev.sluice.api;

import dev.sluice.engine.config.MasterUrl;
import dev.sluice.engine.config.SluiceConfig;
import dev.sluice.executors.LocalExecutors;
import dev.sluice.executors.cluster.ClusterDriver;
import dev.sluice.scheduler.SchedulerSettings;
import dev.sluice.scheduler.SchedulerSystem;
import dev.sluice.scheduler.cluster.ClusterConfig;
import dev.sluice.scheduler.cluster.ClusterKeys;
import dev.sluice.scheduler.event.EventBus;
import dev.sluice.scheduler.placement.FifoPlacementPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What a session runs on: its scheduler and its executors, either in this process ({@code
 * local[N]}: {@link LocalExecutors}) or on a cluster ({@code sluice://host:port}: a
 * {@link ClusterDriver} whose executors run on the workers).
 *
 * @param scheduler the session's scheduler
 * @param executors what to close after the scheduler
 * @param slots the task slots available when the session started
 * @param appId the application's id: the master's on a cluster, {@code local-<start millis>} in local mode
 */
record SessionRuntime(SchedulerSystem scheduler, AutoCloseable executors, int slots, String appId) {
  /** The executor settings a cluster driver passes on to its executors. */
  private static final List<String> EXECUTOR_SETTINGS = List.of(SluiceConfig.TASK_MEMORY, SluiceConfig.BATCH_ROWS,
      SluiceConfig.LONG_BATCH_ROWS);

  /** Starts the scheduler and in-process executors. */
  static SessionRuntime local(SluiceConfig config, MasterUrl master, String systemName, SchedulerSettings settings,
      EventBus events, BufferAllocator allocator, Path workDirectory, long taskMemory, int batchRows,
      int longBatchRows) {
    int executorCount = config.getInt(SluiceConfig.LOCAL_EXECUTORS, master.slots(), 1);
    if (master.slots() % executorCount != 0) {
      throw SluiceConfig.invalid(SluiceConfig.LOCAL_EXECUTORS, String.valueOf(executorCount),
          "a divisor of the " + master.slots() + " slots of " + master);
    }
    SchedulerSystem scheduler = new SchedulerSystem(systemName, settings, events, new FifoPlacementPolicy());
    try {
      LocalExecutors executors = new LocalExecutors(scheduler, allocator, executorCount,
          master.slots() / executorCount, batchRows, longBatchRows, taskMemory, workDirectory);
      return new SessionRuntime(scheduler, executors, master.slots(), "local-" + System.currentTimeMillis());
    } catch (RuntimeException e) {
      scheduler.close();
      throw e;
    }
  }

  /**
   * Joins the master's cluster as a driver node, registers the application (shipping {@code
   * sluice.jars}) and waits for its executors.
   */
  static SessionRuntime cluster(SluiceConfig config, MasterUrl master, String appName, SchedulerSettings limits,
      EventBus events, BufferAllocator allocator) {
    ClusterKeys keys = clusterKeys(config);
    List<Path> jars = Arrays.stream(config.get(SluiceConfig.JARS, "").split(","))
        .map(String::trim).filter(jar -> !jar.isEmpty()).map(Path::of).toList();
    String host = driverHost(config, master);
    int port = config.getInt(SluiceConfig.DRIVER_PORT, 0, 0);
    int dataPort = config.getInt(SluiceConfig.DRIVER_DATA_PORT, 0, 0);
    int timeoutSeconds = config.getInt(SluiceConfig.CLUSTER_START_TIMEOUT, 60, 1);
    ClusterDriver driver = ClusterDriver.start(master, allocator, host, dataPort, keys, jars);
    SchedulerSystem scheduler = null;
    try {
      SchedulerSettings settings = new SchedulerSettings(limits.maxTaskAttempts(), limits.maxStageAttempts(),
          driver.payloads());
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      scheduler = new SchedulerSystem(ClusterConfig.SYSTEM_NAME, driver.actorConfig(port),
          loader != null ? loader : SessionRuntime.class.getClassLoader(), settings, events, new FifoPlacementPolicy());
      Map<String, String> executorSettings = new LinkedHashMap<>();
      for (String key : EXECUTOR_SETTINGS) {
        String value = config.get(key, null);
        if (value != null) {
          executorSettings.put(key, value);
        }
      }
      int slots = driver.register(scheduler, appName, executorSettings, Duration.ofSeconds(timeoutSeconds));
      return new SessionRuntime(scheduler, driver, Math.max(1, slots), driver.appId());
    } catch (RuntimeException e) {
      if (scheduler != null) {
        scheduler.close();
      }
      driver.close();
      throw e;
    }
  }

  /** On a cluster, tells the master where the driver's web UI is. */
  void announceUi(String uiUrl) {
    if (executors instanceof ClusterDriver driver) {
      driver.announceUi(uiUrl);
    }
  }

  /**
   * The driver's address: {@code sluice.driver.host}, by default 127.0.0.1, which only works when the
   * master (and so, presumably, the workers) is on this machine's loopback too.
   */
  private static String driverHost(SluiceConfig config, MasterUrl master) {
    String host = config.get(SluiceConfig.DRIVER_HOST, null);
    if (host != null) {
      return host;
    }
    if (!isLoopback(master.host())) {
      throw SluiceConfig.invalid(SluiceConfig.DRIVER_HOST, "(unset, so 127.0.0.1)", "this machine's address as the "
          + "workers of " + master + " reach it: the master is not on loopback, so workers on other machines could "
          + "not reach a driver listening on 127.0.0.1");
    }
    return "127.0.0.1";
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The cluster's key named by {@code sluice.cluster.keys}, or null when {@code sluice.cluster.tls=off}. */
  static ClusterKeys clusterKeys(SluiceConfig config) {
    if (config.getChoice(SluiceConfig.CLUSTER_TLS, "on", "on", "off").equals("off")) {
      return null;
    }
    String directory = config.get(SluiceConfig.CLUSTER_KEYS, null);
    return new ClusterKeys(directory == null ? ClusterKeys.defaultDirectory() : Path.of(directory)).requireExisting();
  }
}
