package dev.sluice.examples;

import dev.sluice.api.Sluice;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Workload W1 as a runnable example: the sum of {@code x * x} for {@code x} in {@code [0, n)}, in
 * wrapping (two's complement) 64-bit arithmetic, computed over a primitive {@code LongDataset}.
 * For the default {@code n = 10^8} the answer is {@value #EXPECTED_DEFAULT_SUM}.
 *
 * <pre>{@code bin/sluice run-example squares [n] [--master M]}</pre>
 */
public final class Squares {
  /** The n used when none is given: 10^8, as in BENCHMARKS.md. */
  public static final long DEFAULT_N = 100_000_000L;

  /** The wrapping sum of squares below {@link #DEFAULT_N}. */
  public static final long EXPECTED_DEFAULT_SUM = 662921401752298880L;

  private Squares() {}

  /** The wrapping sum of {@code x * x} for {@code x} in {@code [0, n)}, computed by {@code sluice}. */
  public static long sumOfSquares(Sluice sluice, long n) {
    return sluice.range(0, n).map(x -> x * x).sum();
  }

  /**
   * The same sum as {@link #sumOfSquares}, by a plain single-thread Java loop: the reference the
   * engine is checked and timed against.
   */
  public static long referenceSumOfSquares(long n) {
    long sum = 0;
    for (long x = 0; x < n; x++) {
      sum += x * x;
    }
    return sum;
  }

  /**
   * Runs the example: parses {@code [n] [--master M]}, prints the sum and the time it took to
   * {@code out}, and returns the exit status (0).
   *
   * @throws UsageException on a malformed command line
   */
  public static int run(String[] args, PrintStream out) {
    ExampleArgs parsed = ExampleArgs.parse(args, "n", 0);
    long n = parsed.countOr(DEFAULT_N);
    try (Sluice sluice = parsed.openSession("squares")) {
      long start = System.nanoTime();
      long sum = sumOfSquares(sluice, n);
      double seconds = (System.nanoTime() - start) / 1e9;
      out.printf(Locale.ROOT, "Sum of x*x for x in [0, %d) = %d%n", n, sum);
      out.printf(Locale.ROOT, "Took %.3f s on %s%n", seconds, sluice.master());
    }
    return 0;
  }

  /** Command-line entry; see {@link #run}. */
  public static void main(String[] args) {
    System.exit(Launcher.runGuarded(() -> run(args, System.out), System.err));
  }
}
