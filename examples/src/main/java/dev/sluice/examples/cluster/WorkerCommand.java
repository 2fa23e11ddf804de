package dev.sluice.examples.cluster;

import dev.sluice.engine.config.MasterUrl;
import dev.sluice.examples.Launcher;
import dev.sluice.examples.UsageException;
import dev.sluice.executors.cluster.WorkerNode;
import dev.sluice.executors.cluster.WorkerSettings;
import dev.sluice.scheduler.cluster.ClusterKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code sluice worker --master sluice://H:P [--cores N] [--memory M] [--work-dir D] [--host H]
 * [--port P] [--data-port P] [--keys DIR] [--tls on|off]}: runs a worker until SIGTERM, then
 * leaves the cluster gracefully.
 */
public final class WorkerCommand {
  public static final String USAGE = "worker --master sluice://H:P [--cores N] [--memory M] [--work-dir D] "
      + "[--host H] [--port P] [--data-port P] [--keys DIR] [--tls on|off]";

  private WorkerCommand() {}

  public static int run(String[] args, PrintStream out) throws IOException {
    CommandFlags flags = CommandFlags.parse("worker", args,
        Set.of("master", "cores", "memory", "work-dir", "host", "port", "data-port", "keys", "tls")).noPositional();
    String masterText = flags.get("master", null);
    if (masterText == null) {
      throw new UsageException("worker: --master sluice://HOST:PORT is required");
    }
    MasterUrl master = MasterUrl.parse(masterText);
    if (!master.isCluster()) {
      throw new UsageException("worker: --master must be a cluster master sluice://HOST:PORT, got " + masterText);
    }
    String host = flags.get("host", "127.0.0.1");
    int port = flags.port("port", 0);
    int dataPort = flags.port("data-port", 0);
    int cores = flags.positive("cores", Runtime.getRuntime().availableProcessors());
    long memory = flags.bytes("memory", Runtime.getRuntime().maxMemory());
    Path keyDirectory = flags.keyDirectory();
    ClusterKeys keys = keyDirectory == null ? null : new ClusterKeys(keyDirectory).requireExisting();
    String workDir = flags.get("work-dir", null);
    Path workDirectory = workDir != null ? Path.of(workDir) : Files.createTempDirectory("sluice-worker-");
    WorkerSettings settings = new WorkerSettings(host, port, dataPort, master.host(), master.port(), cores, memory,
        workDirectory, keys);
    WorkerNode worker = WorkerNode.start(settings);
    AtomicBoolean asked = new AtomicBoolean();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      asked.set(true);
      worker.close();
    }, "sluice-worker-shutdown"));
    out.println("Sluice worker " + worker.workerId() + " listening at " + worker.system().address()
        + ", data server " + worker.dataLocation() + "; " + settings.cores() + " cores, "
        + (settings.memoryBytes() >> 20) + " MiB, work directory " + workDirectory + "; joining " + master);
    out.flush();
    worker.system().getWhenTerminated().toCompletableFuture().join();
    if (asked.get()) {
      return 0;
    }
    // stopped without being asked: it gave up joining, was removed from the cluster, or lost its master
    worker.close();
    System.err.println("sluice: the worker stopped on its own (see the log above for why)");
    return Launcher.EXIT_FAILURE;
  }
}
