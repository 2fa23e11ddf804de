package dev.sluice.examples;

import dev.sluice.engine.config.SluiceConfig;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.examples.bench.BenchOptions;
import dev.sluice.examples.bench.WorkloadCatalog;
import dev.sluice.examples.cluster.KeygenCommand;
import dev.sluice.examples.cluster.MasterCommand;
import dev.sluice.examples.cluster.SubmitCommand;
import dev.sluice.examples.cluster.WorkerCommand;
import dev.sluice.examples.tpch.TpchArgs;
import dev.sluice.examples.tpch.TpchQ1;
import dev.sluice.examples.tpch.TpchQ3;
import dev.sluice.examples.tpch.TpchQ6;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The main class behind {@code bin/sluice}: dispatches the subcommands {@code run-example},
 * {@code bench}, {@code gen-data}, {@code version} and {@code help}. Exit status: 0 on success,
 * {@value #EXIT_USAGE} for a command line that cannot be run (the message names the offending word),
 * {@value #EXIT_FAILURE} when the run itself failed.
 */
public final class Launcher {
  /** Exit status for a malformed command line. */
  public static final int EXIT_USAGE = 2;

  /** Exit status for a run that failed. */
  public static final int EXIT_FAILURE = 1;

  private static final String VERSION_RESOURCE = "/dev/sluice/examples/version.properties";

  private Launcher() {}

  private static final String GPU_FLAG = "--gpu";

  /** A subcommand or example body that returns an exit status. */
  @FunctionalInterface
  public interface Command {
    /** Runs and returns the exit status. */
    int run() throws Exception;
  }

  /** The runnable examples by name, in the order help lists them. */
  private static Map<String, ExampleEntry> examples() {
    Map<String, ExampleEntry> examples = new LinkedHashMap<>();
    examples.put("pi", new ExampleEntry("[samples] [--master M]", "Monte Carlo estimate of pi", Pi::run));
    examples.put("squares", new ExampleEntry("[n] [--master M]", "sum of x*x for x in [0, n) (W1)", Squares::run));
    examples.put("wordcount", new ExampleEntry("INPUT [--master M] [--top N]",
        "count the words of a file, directory or glob (W2)", WordCount::run));
    examples.put("tpch-q1", new ExampleEntry(TpchArgs.USAGE, "TPC-H Q1, pricing summary report (W3)",
        (args, out) -> TpchQ1.run(args)));
    examples.put("tpch-q3", new ExampleEntry(TpchArgs.USAGE, "TPC-H Q3, shipping priority (W5)",
        (args, out) -> TpchQ3.run(args)));
    examples.put("tpch-q6", new ExampleEntry(TpchArgs.USAGE, "TPC-H Q6, forecasting revenue change (W4)",
        (args, out) -> TpchQ6.run(args)));
    return examples;
  }

  /** A runnable example: its arguments, a one-line description and its body. */
  private record ExampleEntry(String arguments, String description, Body body) {}

  /** An example's entry point. */
  @FunctionalInterface
  private interface Body {
    int run(String[] args, PrintStream out) throws Exception;
  }

  /**
   * Runs the subcommand in {@code args}, printing results to {@code out} and messages to
   * {@code err}, and returns the exit status. Never calls {@link System#exit}.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return runGuarded(() -> dispatch(args, out), err);
  }

  private static int dispatch(String[] args, PrintStream out) throws Exception {
    if (args.length == 0) {
      printHelp(out);
      return 0;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "help":
      case "--help":
      case "-h":
        printHelp(out);
        return 0;
      case "version":
      case "--version":
        out.println("sluice " + version());
        return 0;
      case "bench":
        return Bench.run(withoutGpuFlag(rest), out);
      case "gen-data":
        return GenData.run(rest, out);
      case "run-example":
        return runExample(rest, out);
      case "master":
        return MasterCommand.run(rest, out);
      case "worker":
        return WorkerCommand.run(rest, out);
      case "submit":
        return SubmitCommand.run(rest, out);
      case "keygen":
        return KeygenCommand.run(rest, out);
      case "history":
        return HistoryCommand.run(rest, out);
      default:
        throw new UsageException("unknown command '" + args[0]
            + "'; commands: run-example, submit, master, worker, keygen, history, bench, gen-data, version, help");
    }
  }

  private static int runExample(String[] args, PrintStream out) throws Exception {
    Map<String, ExampleEntry> examples = examples();
    if (args.length == 0) {
      throw new UsageException("run-example needs an example name; examples: " + String.join(", ", examples.keySet()));
    }
    ExampleEntry example = examples.get(args[0]);
    if (example == null) {
      throw new UsageException("unknown example '" + args[0] + "'; examples: " + String.join(", ", examples.keySet()));
    }
    return example.body().run(withoutGpuFlag(Arrays.copyOfRange(args, 1, args.length)), out);
  }

  /**
   * Takes {@code --gpu} out of {@code args}: when present, sessions run with {@code
   * sluice.gpu.enabled=true}, so they fail at start, saying why, on a machine without a usable GPU.
   */
  static String[] withoutGpuFlag(String[] args) {
    if (!Arrays.asList(args).contains(GPU_FLAG)) {
      return args;
    }
    System.setProperty(SluiceConfig.GPU_ENABLED, "true");
    return Arrays.stream(args).filter(arg -> !arg.equals(GPU_FLAG)).toArray(String[]::new);
  }

  /**
   * Runs {@code command} and turns its failures into an exit status with a message on {@code err}:
   * {@link UsageException} and an invalid setting ({@link ErrorCode#INVALID_CONFIGURATION}, e.g. a
   * bad {@code --master}) give {@value #EXIT_USAGE}, anything else {@value #EXIT_FAILURE} with its
   * stack trace.
   */
  public static int runGuarded(Command command, PrintStream err) {
    try {
      return command.run();
    } catch (UsageException e) {
      err.println("sluice: " + e.getMessage());
      err.println("Run 'sluice help' for usage.");
      return EXIT_USAGE;
    } catch (EngineException e) {
      if (e.code() == ErrorCode.INVALID_CONFIGURATION) {
        err.println("sluice: " + e.getMessage());
        return EXIT_USAGE;
      }
      err.println("sluice: failed: " + e);
      e.printStackTrace(err);
      return EXIT_FAILURE;
    } catch (Exception e) {
      err.println("sluice: failed: " + e);
      e.printStackTrace(err);
      return EXIT_FAILURE;
    }
  }

  /**
   * This build's version: the jar manifest's {@code Implementation-Version}, else the version
   * resource written at build time, else {@code unknown}.
   */
  public static String version() {
    String fromManifest = Launcher.class.getPackage().getImplementationVersion();
    if (fromManifest != null) {
      return fromManifest;
    }
    try (InputStream in = Launcher.class.getResourceAsStream(VERSION_RESOURCE)) {
      if (in != null) {
        Properties properties = new Properties();
        properties.load(in);
        return properties.getProperty("version", "unknown");
      }
    } catch (IOException e) {
      // fall through to "unknown"
    }
    return "unknown";
  }

  /** Prints the usage of every subcommand. */
  public static void printHelp(PrintStream out) {
    out.println("Usage: sluice <command> [arguments]");
    out.println();
    out.println("Commands:");
    out.println("  run-example NAME [args]   run an example:");
    for (Map.Entry<String, ExampleEntry> example : examples().entrySet()) {
      out.printf("      %-9s %-29s %s%n", example.getKey(), example.getValue().arguments(),
          example.getValue().description());
    }
    out.println("  " + BenchOptions.USAGE);
    out.println("                            run benchmark workloads (known: " + WorkloadCatalog.standard().describe()
        + ")");
    out.println("                            and print 'sluice <id> <median s> <checksum>' per workload,");
    out.println("                            plus 'baseline <id> ...' for a plain single-thread Java run");
    out.println("  " + GenData.USAGE);
    out.println("                            write the text corpus of W2, DIR/text/part-{0..7}.txt of N MiB in all");
    out.println("                            (the bench uses 256); with --sf SF also TPC-H lineitem/orders/customer");
    out.println();
    out.println("Cluster:");
    out.println("  " + MasterCommand.USAGE);
    out.println("                            run a master (default 127.0.0.1:" + MasterCommand.DEFAULT_PORT
        + "); prints its sluice://HOST:PORT; generates a");
    out.println("                            cluster key into the key directory on first start if there is none");
    out.println("  " + WorkerCommand.USAGE);
    out.println("                            run a worker: it joins the master's cluster and runs executors for");
    out.println("                            applications (default: all cores, the JVM's max heap, a temp work dir)");
    out.println("  " + SubmitCommand.USAGE);
    out.println("                            run MAIN from APP.jar as the driver; on a cluster the jar is shipped to");
    out.println("                            the workers; the same jar and class run with --master local[N]");
    out.println("  " + KeygenCommand.USAGE);
    out.println("                            write a new cluster key (mutual TLS for Pekko and Arrow Flight); copy the");
    out.println("                            directory to every machine. All cluster commands take --keys DIR");
    out.println("                            (default ~/.sluice/keys); --tls off turns TLS off (trusted networks only)");
    out.println("                            Master and workers stop cleanly on SIGTERM (workers leave the cluster).");
    out.println();
    out.println("Web UI:");
    out.println("  " + HistoryCommand.USAGE);
    out.println("                            serve finished (and running) applications from their event logs");
    out.println("                            (sluice.eventLog.enabled=true, sluice.eventLog.dir) with the same UI");
    out.println("                            (default port " + HistoryCommand.DEFAULT_PORT + "); a session's own UI is at");
    out.println("                            http://127.0.0.1:4040 while it runs (sluice.ui.port, sluice.ui.enabled)");
    out.println();
    out.println("  version                   print the Sluice version");
    out.println("  help                      print this help");
    out.println();
    out.println("Options:");
    out.println("  --master M                local, local[N], local[*] or sluice://HOST:PORT (default: -Dsluice.master, bench: "
        + BenchOptions.DEFAULT_MASTER + ")");
    out.println("  --gpu                     (run-example, bench) sluice.gpu.enabled=true: fail at start when no");
    out.println("                            usable GPU is found, saying why");
    out.println("  SLUICE_JAVA_OPTS          extra JVM flags for bin/sluice, e.g. -Xmx8g -Dsluice.batch.longRows=65536");
    out.println();
    out.println("Exit status: 0 ok, " + EXIT_FAILURE + " run failed, " + EXIT_USAGE + " bad command line.");
  }

  /** Command-line entry; see {@link #run}. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }
}
