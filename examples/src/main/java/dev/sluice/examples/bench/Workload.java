package dev.sluice.examples.bench;

import dev.sluice.api.Sluice;
import java.util.List;
import java.util.Optional;

/**
 * One benchmark workload of BENCHMARKS.md (W1..W6). The bench runs {@link #run} once to warm up
 * and then the timed runs, and prints {@code sluice <id> <median seconds> <checksum>}; a workload
 * with a {@link #baseline()} gets a second line {@code baseline <id> ...} measured the same way in
 * the same process.
 *
 * <p>Adding workload Wn: one class {@code WnXxx implements Workload}, plus one line in
 * {@link WorkloadCatalog#standard()}.
 */
public interface Workload {
  /** The id printed in result lines, e.g. {@code W1-squares}; its part before '-' selects it in {@code --only}. */
  String id();

  /** Whether {@link #run} reads files from {@link BenchData}, so that {@code --data} and {@code --sf} are required. */
  boolean readsData();

  /**
   * Runs the workload once on {@code sluice} and returns its checksum in the format BENCHMARKS.md
   * gives for it. Must return the same checksum on every run over the same data.
   */
  String run(Sluice sluice, BenchData data) throws Exception;

  /**
   * Lines the bench prints after this workload's result line (indented by two spaces), describing
   * the last {@link #run}, e.g. W2's top words; empty by default. They are not result lines: tools
   * that read {@code sluice <id> ...} lines skip them.
   */
  default List<String> details() {
    return List.of();
  }

  /**
   * The hand-written single-thread Java program the workload is compared with, if it has one; it
   * must return the same checksum as {@link #run}.
   */
  default Optional<Baseline> baseline() {
    return Optional.empty();
  }

  /** A plain-Java computation of a workload's checksum, without Sluice. */
  @FunctionalInterface
  interface Baseline {
    /** Computes the checksum once. */
    String run(BenchData data) throws Exception;
  }
}
