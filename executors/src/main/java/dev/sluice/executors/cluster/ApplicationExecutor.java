package dev.sluice.executors.cluster;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.config.SluiceConfig;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.executors.runtime.ExecutorEnvironment;
import dev.sluice.executors.runtime.TaskRunner;
import dev.sluice.executors.shuffle.ClusterShuffleBlocks;
import dev.sluice.executors.transfer.DataClient;
import dev.sluice.executors.transfer.DriverPayloads;
import dev.sluice.executors.transfer.ExecutorPayloads;
import dev.sluice.executors.transfer.RemoteMapOutputs;
import dev.sluice.scheduler.cluster.WorkerProtocol;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a worker holds for one application: the application's jars fetched from its driver and
 * loaded in a class loader of their own (so two applications never see each other's classes), the
 * task threads (whose context class loader is that loader, so Kryo finds the user's classes and
 * lambdas), and the task runner wired to the cluster: binaries and results through the driver's
 * data server, map outputs looked up on the driver, remote shuffle blocks over Arrow Flight.
 * Created and closed off the worker actor's thread: both block.
 */
final class ApplicationExecutor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApplicationExecutor.class);
  private static final long SHUTDOWN_SECONDS = 30;

  private final String appId;
  private final Path directory;
  private final URLClassLoader classLoader;
  private final ExecutorService threads;
  private final TaskRunner runner;

  private ApplicationExecutor(String appId, Path directory, URLClassLoader classLoader, ExecutorService threads,
      TaskRunner runner) {
    this.appId = appId;
    this.directory = directory;
    this.classLoader = classLoader;
    this.threads = threads;
    this.runner = runner;
  }

  /**
   * Fetches the application's jars and prepares its executor.
   *
   * @param launch the master's request
   * @param settings this worker's settings
   * @param root the worker's root allocator
   * @param client the worker's data client
   * @param dataLocation the worker's own data server, recorded in the map outputs it writes
   */
  static ApplicationExecutor start(WorkerProtocol.LaunchExecutor launch, WorkerSettings settings,
      BufferAllocator root, DataClient client, String dataLocation) {
    requireNonNull(launch, "launch is null");
    Path directory = settings.workDirectory().resolve(safeName(launch.appId()));
    try {
      Path jarDirectory = Files.createDirectories(directory.resolve("jars"));
      List<URL> urls = new ArrayList<>();
      for (int i = 0; i < launch.jars().size(); i++) {
        Path jar = jarDirectory.resolve("app-" + i + ".jar");
        Files.write(jar, client.fetch(launch.driverData(), launch.jars().get(i)));
        urls.add(jar.toUri().toURL());
      }
      URLClassLoader loader = new URLClassLoader("sluice-" + launch.appId(), urls.toArray(URL[]::new),
          ApplicationExecutor.class.getClassLoader());
      SluiceConfig config = SluiceConfig.of(launch.settings());
      long taskMemory = config.getBytes(SluiceConfig.TASK_MEMORY, settings.defaultTaskMemory(), 1);
      int batchRows = config.getInt(SluiceConfig.BATCH_ROWS, 4096, 1);
      int longBatchRows = config.getInt(SluiceConfig.LONG_BATCH_ROWS, 65536, 1);
      ExecutorEnvironment environment = new ExecutorEnvironment(launch.executorId(),
          directory.resolve("executor"), new RemoteMapOutputs(client, launch.driverData()),
          new ClusterShuffleBlocks(client, dataLocation),
          new ExecutorPayloads(client, launch.driverData(), DriverPayloads.DEFAULT_INLINE_LIMIT_BYTES), dataLocation);
      TaskRunner runner = new TaskRunner(root, batchRows, longBatchRows, taskMemory, environment);
      ExecutorService threads = Executors.newFixedThreadPool(launch.cores(), taskThreads(launch.appId(), loader));
      LOG.info("Executor {} for application {} ready: {} slots, {} jar(s), task memory {} MiB, files in {}",
          launch.executorId(), launch.appId(), launch.cores(), urls.size(), taskMemory >> 20, directory);
      return new ApplicationExecutor(launch.appId(), directory, loader, threads, runner);
    } catch (IOException | RuntimeException e) {
      deleteTree(directory);
      throw new EngineException(ErrorCode.INTERNAL, "Cannot start an executor for application " + launch.appId()
          + " (driver data server " + launch.driverData() + "): " + e.getMessage(), e);
    }
  }

  private static String safeName(String appId) {
    return appId.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  private static java.util.concurrent.ThreadFactory taskThreads(String appId, ClassLoader loader) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "sluice-" + appId + "-task-" + count.getAndIncrement());
      thread.setDaemon(true);
      thread.setContextClassLoader(loader);
      return thread;
    };
  }

  String appId() {
    return appId;
  }

  TaskRunner runner() {
    return runner;
  }

  ExecutorService threads() {
    return threads;
  }

  /** Interrupts the application's tasks, waits for them, closes its class loader, deletes its files. */
  @Override
  public void close() {
    threads.shutdownNow();
    try {
      if (!threads.awaitTermination(SHUTDOWN_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn("Tasks of application {} did not stop within {} s", appId, SHUTDOWN_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      classLoader.close();
    } catch (IOException e) {
      LOG.warn("Closing the class loader of application {} failed", appId, e);
    }
    deleteTree(directory);
    LOG.info("Application {} stopped on this worker; its files are deleted", appId);
  }

  private static void deleteTree(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      LOG.warn("Cannot delete {} completely", directory, e);
    }
  }
}
