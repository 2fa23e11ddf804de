package dev.sluice.examples.cluster;

import dev.sluice.examples.UsageException;
import dev.sluice.scheduler.cluster.ClusterKeys;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

/** {@code sluice keygen --out DIR [--force true]}: writes a new cluster key. */
public final class KeygenCommand {
  public static final String USAGE = "keygen --out DIR [--force true]";

  private KeygenCommand() {}

  public static int run(String[] args, PrintStream out) {
    CommandFlags flags = CommandFlags.parse("keygen", args, Set.of("out", "force")).noPositional();
    String out0 = flags.get("out", null);
    if (out0 == null) {
      throw new UsageException("keygen: --out DIR is required (e.g. --out ~/.sluice/keys)");
    }
    Path directory = Path.of(out0);
    if (new ClusterKeys(directory).exists() && !flags.get("force", "false").equals("true")) {
      throw new UsageException("keygen: " + directory + " already holds a cluster key; nodes using it would be "
          + "locked out by a new one. Pass --force true to replace it");
    }
    ClusterKeys keys = ClusterKeys.generate(directory);
    out.println("Wrote a new cluster key to " + keys.directory() + ":");
    out.println("  " + ClusterKeys.KEY_STORE + ", " + ClusterKeys.TRUST_STORE + "  (Pekko Artery, mutual TLS)");
    out.println("  " + ClusterKeys.CERTIFICATE_PEM + ", " + ClusterKeys.PRIVATE_KEY_PEM + "  (Arrow Flight, mutual TLS)");
    out.println("  " + ClusterKeys.PASSWORD + "  (the stores' password)");
    out.println("Copy this directory (privately: it is the cluster's secret) to every machine of the cluster, and");
    out.println("point nodes at it with --keys DIR or -Dsluice.cluster.keys=DIR (default ~/.sluice/keys).");
    return 0;
  }
}
