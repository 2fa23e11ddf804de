package dev.sluice.engine.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code sluice.master}: where jobs run. Local mode: {@code local} (one slot), {@code
 * local[N]} (N slots) and {@code local[*]} (one slot per available processor), all in the driver's
 * process. Cluster mode: {@code sluice://host:port}, the address of a master started with {@code
 * bin/sluice master}; its workers run the executors.
 *
 * @param slots the number of tasks that may run at once in local mode; 0 for a cluster, whose
 *     slots are the cores of the executors its workers start
 * @param host the master's host in cluster mode, null in local mode
 * @param port the master's port in cluster mode, 0 in local mode
 */
public record MasterUrl(int slots, String host, int port) {
  private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)\\])?");
  private static final Pattern CLUSTER = Pattern.compile("sluice://([A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:]+\\]):(\\d{1,5})");
  private static final String FORMS = "local, local[N] with N >= 1, local[*], or sluice://host:port";

  public MasterUrl {
    if (host == null && slots < 1) {
      throw new IllegalArgumentException("slots must be at least 1, got " + slots);
    }
    if (host != null && (port < 1 || port > 65535)) {
      throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
    }
  }

  /** Local mode with {@code slots} slots. */
  public MasterUrl(int slots) {
    this(slots, null, 0);
  }

  /** The master of a cluster at {@code host:port}. */
  public static MasterUrl cluster(String host, int port) {
    return new MasterUrl(0, host, port);
  }

  public boolean isCluster() {
    return host != null;
  }

  /** Parses a master URL, failing with a message that lists the accepted forms. */
  public static MasterUrl parse(String master) {
    String text = master == null ? "" : master.trim();
    Matcher cluster = CLUSTER.matcher(text);
    if (cluster.matches()) {
      int port = Integer.parseInt(cluster.group(2));
      if (port < 1 || port > 65535) {
        throw SluiceConfig.invalid(SluiceConfig.MASTER, master, "sluice://host:port with a port between 1 and 65535");
      }
      return cluster(cluster.group(1), port);
    }
    Matcher matcher = LOCAL.matcher(text);
    if (!matcher.matches()) {
      throw SluiceConfig.invalid(SluiceConfig.MASTER, master, FORMS);
    }
    String n = matcher.group(1);
    if (n == null) {
      return new MasterUrl(1);
    }
    if (n.equals("*")) {
      return new MasterUrl(Runtime.getRuntime().availableProcessors());
    }
    int slots;
    try {
      slots = Integer.parseInt(n);
    } catch (NumberFormatException e) {
      slots = 0;
    }
    if (slots < 1) {
      throw SluiceConfig.invalid(SluiceConfig.MASTER, master, "local[N] with N between 1 and 2147483647");
    }
    return new MasterUrl(slots);
  }

  @Override
  public String toString() {
    return isCluster() ? "sluice://" + host + ":" + port : "local[" + slots + "]";
  }
}
