package dev.sluice.examples;

import dev.sluice.api.Sluice;
import dev.sluice.examples.bench.BenchOptions;
import dev.sluice.examples.bench.TimedRuns;
import dev.sluice.examples.bench.Workload;
import dev.sluice.examples.bench.WorkloadCatalog;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The benchmark runner of BENCHMARKS.md: runs each selected workload once to warm up and then
 * {@code --runs} timed times in one Sluice session, and prints per workload
 *
 * <pre>
 * sluice &lt;id&gt; &lt;warm median seconds, 3 decimals&gt; &lt;checksum&gt;
 *   &lt;detail&gt;                                  (zero or more, e.g. W2's "  top 1 word count")
 * baseline &lt;id&gt; &lt;warm median seconds&gt; &lt;checksum&gt;   (when the workload has a plain-Java baseline)
 * </pre>
 *
 * <p>Figures are meant to be read as the ratio of the two lines of one run, never as absolute
 * times from another day. Nothing but result lines and their indented detail lines goes to standard
 * output.
 */
public final class Bench {
  private Bench() {}

  /**
   * Parses {@code args} (what follows {@code bench}) and runs the standard workloads.
   *
   * @return the exit status: 0
   * @throws UsageException on a malformed command line or an unknown workload
   */
  public static int run(String[] args, PrintStream out) throws Exception {
    return run(BenchOptions.parse(args), WorkloadCatalog.standard(), out);
  }

  /**
   * Runs the workloads of {@code catalog} that {@code options} selects and prints their result lines
   * to {@code out}.
   *
   * @return the exit status: 0
   * @throws UsageException on an unknown workload, or missing {@code --data}/{@code --sf} for a
   *     workload that reads files
   * @throws IllegalStateException when a workload's runs or its baseline disagree on the checksum
   */
  public static int run(BenchOptions options, WorkloadCatalog catalog, PrintStream out) throws Exception {
    List<Workload> selected = catalog.select(options.only());
    for (Workload workload : selected) {
      if (workload.readsData()
          && (options.data().directory().isEmpty() || options.data().scaleFactor().isEmpty())) {
        throw new UsageException(workload.id() + " reads the bench data: give --data DIR and --sf SF");
      }
    }
    try (Sluice sluice = Sluice.builder().master(options.master()).appName("bench").getOrCreate()) {
      for (Workload workload : selected) {
        TimedRuns.Measurement engine = TimedRuns.measure("sluice " + workload.id(), options.runs(),
            () -> workload.run(sluice, options.data()));
        printLine(out, "sluice", workload.id(), engine);
        for (String detail : workload.details()) {
          out.println("  " + detail);
        }
        Optional<Workload.Baseline> baseline = workload.baseline();
        if (baseline.isPresent()) {
          TimedRuns.Measurement plain = TimedRuns.measure("baseline " + workload.id(), options.runs(),
              () -> baseline.get().run(options.data()));
          printLine(out, "baseline", workload.id(), plain);
          if (!plain.checksum().equals(engine.checksum())) {
            throw new IllegalStateException(workload.id() + ": Sluice returned " + engine.checksum()
                + " but the plain-Java baseline returned " + plain.checksum());
          }
        }
      }
    }
    return 0;
  }

  private static void printLine(PrintStream out, String runner, String id, TimedRuns.Measurement measurement) {
    out.printf(Locale.ROOT, "%s %s %.3f %s%n", runner, id, measurement.medianSeconds(), measurement.checksum());
    out.flush();
  }

  /** Command-line entry; see {@link #run(String[], PrintStream)}. */
  public static void main(String[] args) {
    System.exit(Launcher.runGuarded(() -> run(args, System.out), System.err));
  }
}
