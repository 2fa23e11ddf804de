package dev.sluice.executors.cluster;

import static java.util.Objects.requireNonNull;

import dev.sluice.scheduler.cluster.ClusterKeys;
import java.nio.file.Path;

/**
 * How a worker process runs ({@code bin/sluice worker}).
 *
 * @param host the address other nodes reach this worker at (its Pekko node and its data server)
 * @param port its Pekko port (0: any free port)
 * @param dataPort its Arrow Flight data server's port (0: any free port)
 * @param masterHost the master's host
 * @param masterPort the master's port
 * @param cores task slots the worker gives each application's executor
 * @param memoryBytes memory the worker offers; a task's default memory budget is derived from it
 * @param workDirectory where executors keep shuffle files, spills and fetched jars, one
 *     subdirectory per application (deleted when the application ends)
 * @param keys the cluster's key, or null when TLS is off
 */
public record WorkerSettings(String host, int port, int dataPort, String masterHost, int masterPort, int cores,
    long memoryBytes, Path workDirectory, ClusterKeys keys) {
  public WorkerSettings {
    requireNonNull(host, "host is null");
    requireNonNull(masterHost, "masterHost is null");
    // absolute: map outputs carry their file's path, and the data server serves only absolute paths under it
    workDirectory = requireNonNull(workDirectory, "workDirectory is null").toAbsolutePath().normalize();
    if (cores < 1) {
      throw new IllegalArgumentException("cores must be at least 1, got " + cores);
    }
    if (memoryBytes < 1) {
      throw new IllegalArgumentException("memory must be positive, got " + memoryBytes);
    }
  }

  /** A task's memory budget when the application does not set {@code sluice.task.memory}. */
  public long defaultTaskMemory() {
    long usable = Math.max(0, memoryBytes - (300L << 20));
    return Math.max(64L << 20, (long) (usable * 0.6) / cores);
  }

  /** The worker's unique name in the cluster. */
  public String workerId(int boundPort) {
    return "worker-" + host + "-" + boundPort;
  }
}
