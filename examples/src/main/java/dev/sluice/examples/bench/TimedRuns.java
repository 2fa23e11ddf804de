package dev.sluice.examples.bench;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a computation once to warm up and then {@code runs} timed times, as the bench does for every
 * workload and baseline, and checks that every run returned the same checksum.
 */
public final class TimedRuns {
  private TimedRuns() {}

  /** A checksum-returning computation, run once per call. */
  @FunctionalInterface
  public interface Run {
    /** Runs once and returns the checksum. */
    String call() throws Exception;
  }

  /**
   * The result of the timed runs.
   *
   * @param seconds the wall time of each timed run, in run order
   * @param checksum the checksum every run returned
   */
  public record Measurement(List<Double> seconds, String checksum) {
    public Measurement {
      seconds = List.copyOf(seconds);
      requireNonNull(checksum, "checksum is null");
      if (seconds.isEmpty()) {
        throw new IllegalArgumentException("no timed runs");
      }
    }

    /** The median run time (the mean of the middle two for an even count). */
    public double medianSeconds() {
      double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).toArray();
      Arrays.sort(sorted);
      int middle = sorted.length / 2;
      return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
  }

  /**
   * Runs {@code run} once untimed and then {@code runs} timed times.
   *
   * @throws IllegalStateException if two runs return different checksums, naming {@code label}
   * @throws Exception whatever {@code run} throws
   */
  public static Measurement measure(String label, int runs, Run run) throws Exception {
    if (runs < 1) {
      throw new IllegalArgumentException("runs must be at least 1, got " + runs);
    }
    String checksum = requireNonNull(run.call(), "checksum is null");
    List<Double> seconds = new ArrayList<>(runs);
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      String again = run.call();
      seconds.add((System.nanoTime() - start) / 1e9);
      if (!checksum.equals(again)) {
        throw new IllegalStateException(label + " is not deterministic: the warm-up returned " + checksum
            + " but timed run " + (i + 1) + " returned " + again);
      }
    }
    return new Measurement(seconds, checksum);
  }
}
