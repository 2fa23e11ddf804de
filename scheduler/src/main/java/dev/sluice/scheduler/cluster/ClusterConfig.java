package dev.sluice.scheduler.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.sluice.scheduler.SchedulerSystem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Pekko configuration of a cluster node (master, worker or driver), complete: it falls back to
 * {@link SchedulerSystem#actorConfig()} (slf4j logging) and so to {@code ConfigFactory.load()}, and
 * {@code -Dpekko....} system properties override it.
 *
 * <ul>
 *   <li><b>Membership</b>: provider {@code cluster}, the node's role, and the master as the only
 *       seed node ({@code pekko://sluice@masterHost:masterPort}).
 *   <li><b>Failure detection and downing</b> (TECH.md §5): heartbeats every 500 ms, 2 s of
 *       acceptable pause, and the split brain resolver deciding 5 s after the last reachability
 *       change, so a killed node is removed after about 10 s and its actors' watchers see {@code
 *       Terminated}. Strategy {@code keep-oldest} on role {@code master}: the side of a partition
 *       that holds the master survives and every node that lost the master is downed (its actor
 *       system stops). {@code down-if-alone} is <b>off</b>: with it on, a master cut off from two
 *       or more nodes would down <em>itself</em> and leave workers and drivers running in a cluster
 *       without a master, which a restarted master could not rejoin (its only seed is itself, so it
 *       would form a new cluster). Off, losing the master (crash or partition) downs every other
 *       node: workers and drivers stop visibly and are started again against the new master. A
 *       master that leaves gracefully downs no one, but leaves the cluster without a master.
 *   <li><b>Giving up</b>: a worker or driver that cannot join within {@link #JOIN_GIVE_UP} (no
 *       master there, or its key refused) shuts its actor system down.
 *   <li><b>Messages</b>: every {@link dev.sluice.scheduler.protocol.WireMessage} goes through {@link
 *       KryoActorSerializer}.
 *   <li><b>Transport</b>: Artery {@code tls-tcp}, TLS 1.3 with mutual authentication, key and trust
 *       stores from {@link ClusterKeys}; plain {@code tcp} when the node has no keys. TLS 1.3 cipher
 *       suites do not depend on the key type, so {@link #TLS_ALGORITHMS} work with the EC P-256 key
 *       {@link ClusterKeys#generate} makes.
 *   <li><b>Shutdown</b>: on master and worker nodes a JVM shutdown hook (SIGTERM) runs coordinated
 *       shutdown, so the node leaves the cluster gracefully; a driver's session closes its system
 *       itself ({@code ActorSystem.terminate()} also leaves gracefully). Pekko never exits the JVM:
 *       a process whose system stopped (downed, join given up) must exit on {@code
 *       getWhenTerminated()}.
 * </ul>
 */
public final class ClusterConfig {
  /** The actor system name of every node of a Sluice cluster. */
  public static final String SYSTEM_NAME = "sluice";
  /** The TLS protocol of Artery's {@code tls-tcp}. */
  public static final String TLS_PROTOCOL = "TLSv1.3";
  /** Artery's enabled cipher suites (TLS 1.3 suites, independent of the key type). */
  public static final List<String> TLS_ALGORITHMS = List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256");
  /** How long a worker or driver tries to join before its actor system shuts down. */
  public static final String JOIN_GIVE_UP = "60s";

  private static final String SERIALIZER = "sluice-kryo";

  private static final String STATIC = String.join("\n",
      "pekko.actor.provider = cluster",
      "pekko.actor.serializers." + SERIALIZER + " = \"" + KryoActorSerializer.class.getName() + "\"",
      "pekko.actor.serialization-bindings {",
      "  \"dev.sluice.scheduler.protocol.WireMessage\" = " + SERIALIZER,
      "}",
      "pekko.cluster.downing-provider-class = \"org.apache.pekko.cluster.sbr.SplitBrainResolverProvider\"",
      "pekko.cluster.split-brain-resolver.active-strategy = keep-oldest",
      "pekko.cluster.split-brain-resolver.stable-after = 5s",
      "pekko.cluster.split-brain-resolver.keep-oldest.down-if-alone = off",
      "pekko.cluster.split-brain-resolver.keep-oldest.role = \"" + ClusterNode.MASTER + "\"",
      "pekko.cluster.failure-detector.heartbeat-interval = 500ms",
      "pekko.cluster.failure-detector.acceptable-heartbeat-pause = 2s",
      "pekko.cluster.run-coordinated-shutdown-when-down = on",
      "pekko.cluster.jmx.multi-mbeans-in-same-jvm = on",
      "pekko.coordinated-shutdown.run-by-actor-system-terminate = on",
      "pekko.coordinated-shutdown.exit-jvm = off");

  private ClusterConfig() {}

  /** The complete configuration of {@code node}. */
  public static Config of(ClusterNode node) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("pekko.remote.artery.canonical.hostname", node.host());
    values.put("pekko.remote.artery.canonical.port", node.port());
    values.put("pekko.cluster.roles", List.of(node.role()));
    values.put("pekko.cluster.seed-nodes",
        node.masterPort() == 0 ? List.of() : List.of(seedAddress(node.masterHost(), node.masterPort())));
    boolean hooks = !node.role().equals(ClusterNode.DRIVER);
    values.put("pekko.jvm-shutdown-hooks", hooks ? "on" : "off");
    values.put("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", hooks ? "on" : "off");
    values.put("pekko.cluster.shutdown-after-unsuccessful-join-seed-nodes",
        node.role().equals(ClusterNode.MASTER) ? "off" : JOIN_GIVE_UP);
    if (node.secure()) {
      ClusterKeys keys = node.keys().requireExisting();
      String password = keys.password();
      String engine = "pekko.remote.artery.ssl.config-ssl-engine.";
      values.put("pekko.remote.artery.transport", "tls-tcp");
      values.put(engine + "key-store", keys.keyStore().toString());
      values.put(engine + "trust-store", keys.trustStore().toString());
      values.put(engine + "key-store-password", password);
      values.put(engine + "key-password", password);
      values.put(engine + "trust-store-password", password);
      values.put(engine + "protocol", TLS_PROTOCOL);
      values.put(engine + "enabled-algorithms", TLS_ALGORITHMS);
      values.put(engine + "require-mutual-authentication", "on");
      values.put(engine + "hostname-verification", "off");
    } else {
      values.put("pekko.remote.artery.transport", "tcp");
    }
    return ConfigFactory.defaultOverrides()
        .withFallback(ConfigFactory.parseMap(values, "Sluice cluster node (" + node.role() + ")"))
        .withFallback(ConfigFactory.parseString(STATIC))
        .withFallback(SchedulerSystem.actorConfig())
        .resolve();
  }

  /** The Pekko address of the master at {@code host:port}, the cluster's seed node. */
  public static String seedAddress(String host, int port) {
    return "pekko://" + SYSTEM_NAME + "@" + host + ":" + port;
  }
}
