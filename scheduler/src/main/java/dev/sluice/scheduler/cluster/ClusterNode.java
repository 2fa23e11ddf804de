package dev.sluice.scheduler.cluster;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import java.util.Set;

/**
 * Where one node of a Sluice cluster listens and how it finds the cluster: the input of {@link
 * ClusterConfig#of}.
 *
 * @param role {@code "master"}, {@code "worker"} or {@code "driver"}
 * @param host the host name or address this node is reached at by the others; it is the node's
 *     canonical address, so other nodes must spell it the same way
 * @param port the port this node listens on; 0 picks a free one
 * @param masterHost the master's host, spelled exactly as the master was started with
 * @param masterPort the master's port; 0 only for a master on a free port, which then joins itself
 *     (see {@link MasterNode})
 * @param keys the cluster key for mutual TLS, or null for plain TCP (tests and trusted networks only)
 */
public record ClusterNode(String role, String host, int port, String masterHost, int masterPort, ClusterKeys keys) {
  public static final String MASTER = "master";
  public static final String WORKER = "worker";
  public static final String DRIVER = "driver";
  private static final Set<String> ROLES = Set.of(MASTER, WORKER, DRIVER);

  public ClusterNode {
    requireNonNull(role, "role is null");
    requireNonNull(host, "host is null");
    requireNonNull(masterHost, "masterHost is null");
    if (!ROLES.contains(role)) {
      throw new EngineException(ErrorCode.INVALID_CONFIGURATION, "Unknown cluster role '" + role
          + "': expected master, worker or driver");
    }
    checkPort("port", port);
    checkPort("masterPort", masterPort);
    if (masterPort == 0 && !role.equals(MASTER)) {
      throw new EngineException(ErrorCode.INVALID_CONFIGURATION, "A " + role + " needs the master's port (got 0): "
          + "pass --master sluice://" + masterHost + ":<port> as the master printed it");
    }
  }

  private static void checkPort(String name, int port) {
    if (port < 0 || port > 65535) {
      throw new EngineException(ErrorCode.INVALID_CONFIGURATION, "Cluster " + name + " " + port
          + " is out of range: expected 0 (any free port) to 65535");
    }
  }

  /** The master of a cluster: listens on {@code host:port} and is its own seed node. */
  public static ClusterNode master(String host, int port, ClusterKeys keys) {
    return new ClusterNode(MASTER, host, port, host, port, keys);
  }

  /** Whether TLS is on. */
  public boolean secure() {
    return keys != null;
  }
}
