package dev.sluice.examples;

import dev.sluice.api.Sluice;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Estimates π by Monte Carlo: sample {@code i} is a point in the unit square, and the share of
 * points inside the quarter circle of radius 1 is π/4. Each point is a pure function of {@code i}
 * (see {@link #isInside}), so a run gives the same estimate whatever the master, the partitioning
 * or the order in which tasks run.
 *
 * <pre>{@code bin/sluice run-example pi [samples] [--master M]}</pre>
 */
public final class Pi {
  /** Samples used when none are given. */
  public static final long DEFAULT_SAMPLES = 20_000_000L;

  /** The increment of {@link java.util.SplittableRandom}'s internal state (the golden ratio). */
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private static final double DOUBLE_UNIT = 0x1.0p-53;

  private Pi() {}

  /**
   * Whether sample {@code i} falls inside the quarter circle. Its point {@code (x, y)} is the
   * {@code 2i}-th and {@code (2i+1)}-th double of {@code new SplittableRandom(0)}, computed directly
   * from {@code i} without stepping the generator, so it is reproducible and needs no state.
   */
  public static boolean isInside(long i) {
    double x = unitDouble(2 * i + 1);
    double y = unitDouble(2 * i + 2);
    return x * x + y * y <= 1.0;
  }

  /** The double SplittableRandom(0) returns as its {@code k}-th value (1-based), in [0, 1). */
  private static double unitDouble(long k) {
    return (mix64(k * GOLDEN_GAMMA) >>> 11) * DOUBLE_UNIT;
  }

  /** SplittableRandom's output function (Stafford's variant 13 of the MurmurHash3 finalizer). */
  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** How many of samples {@code 0 .. samples-1} fall inside, counted by {@code sluice}. */
  public static long countInside(Sluice sluice, long samples, int partitions) {
    return sluice.range(0, samples, 1, partitions).filter(i -> isInside(i)).count();
  }

  /** The π estimate from {@code samples} samples in {@code partitions} partitions. */
  public static double estimate(Sluice sluice, long samples, int partitions) {
    return 4.0 * countInside(sluice, samples, partitions) / samples;
  }

  /**
   * Runs the example: parses {@code [samples] [--master M]}, prints "Pi is roughly ..." and the
   * time to {@code out}, and returns the exit status (0).
   *
   * @throws UsageException on a malformed command line
   */
  public static int run(String[] args, PrintStream out) {
    ExampleArgs parsed = ExampleArgs.parse(args, "samples", 1);
    long samples = parsed.countOr(DEFAULT_SAMPLES);
    try (Sluice sluice = parsed.openSession("pi")) {
      long start = System.nanoTime();
      double pi = estimate(sluice, samples, sluice.defaultParallelism());
      double seconds = (System.nanoTime() - start) / 1e9;
      out.printf(Locale.ROOT, "Pi is roughly %.6f (%d samples)%n", pi, samples);
      out.printf(Locale.ROOT, "Took %.3f s on %s%n", seconds, sluice.master());
    }
    return 0;
  }

  /** Command-line entry; see {@link #run}. */
  public static void main(String[] args) {
    System.exit(Launcher.runGuarded(() -> run(args, System.out), System.err));
  }
}
