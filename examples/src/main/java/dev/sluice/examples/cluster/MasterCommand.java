package dev.sluice.examples.cluster;

import dev.sluice.examples.Launcher;
import dev.sluice.scheduler.cluster.ClusterKeys;
import dev.sluice.scheduler.cluster.MasterNode;
import dev.sluice.scheduler.ui.UiServer;
import dev.sluice.scheduler.ui.UiSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code sluice master [--host H] [--port P] [--ui-port U] [--keys DIR] [--tls on|off]}: runs a
 * cluster's master until SIGTERM. The first master started on a machine without a cluster key
 * generates one into the key directory.
 */
public final class MasterCommand {
  public static final String USAGE = "master [--host H] [--port P] [--ui-port U] [--ui-host H] [--keys DIR] "
      + "[--tls on|off]";
  /** The master's default port (Spark's standalone master uses the same). */
  public static final int DEFAULT_PORT = 7077;
  private static final Duration STATE_TIMEOUT = Duration.ofSeconds(5);

  private MasterCommand() {}

  public static int run(String[] args, PrintStream out) throws InterruptedException {
    CommandFlags flags = CommandFlags.parse("master", args, Set.of("host", "port", "ui-port", "ui-host", "keys", "tls"))
        .noPositional();
    String host = flags.get("host", "127.0.0.1");
    int port = flags.port("port", DEFAULT_PORT);
    int uiPort = flags.port("ui-port", 8080);
    Path keyDirectory = flags.keyDirectory();
    ClusterKeys keys = null;
    if (keyDirectory != null) {
      boolean existed = new ClusterKeys(keyDirectory).exists();
      keys = ClusterKeys.loadOrGenerate(keyDirectory);
      if (!existed) {
        out.println("Generated a new cluster key in " + keys.directory()
            + "; copy that directory to every machine of the cluster (see bin/sluice help keygen).");
      }
    }
    MasterNode master = MasterNode.start(host, port, keys);
    AtomicBoolean asked = new AtomicBoolean();
    UiServer ui = UiServer.forMaster(master.system(), new UiSettings(flags.get("ui-host", "127.0.0.1"), uiPort),
        () -> master.askState(STATE_TIMEOUT));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      asked.set(true);
      ui.close();
      master.close();
    }, "sluice-master-shutdown"));
    out.println("Sluice master listening at " + master.url() + " (mutual TLS: "
        + (keys == null ? "OFF" : "on, key " + keys.directory()) + ")");
    out.println("Start workers with: bin/sluice worker --master " + master.url());
    out.println("Master UI at " + ui.url() + ". Stop with Ctrl-C.");
    out.flush();
    master.system().getWhenTerminated().toCompletableFuture().join();
    if (asked.get()) {
      return 0;
    }
    // stopped without being asked: it gave up joining, was removed from the cluster, or lost its master
    ui.close();
    master.close();
    System.err.println("sluice: the master stopped on its own (see the log above for why)");
    return Launcher.EXIT_FAILURE;
  }
}
