package dev.sluice.examples.bench;

import dev.sluice.api.Sluice;
import dev.sluice.examples.Squares;
import java.util.Optional;

/**
 * W1-squares-typed: the wrapping 64-bit sum of {@code x * x} for {@code x} in {@code [0, n)}, with
 * {@code n = 10^8} in the bench (checksum {@code 662921401752298880}), as typed lambdas
 * ({@code range(0, n).map(x -> x * x).sum()}). Reads no data. Its baseline is the same sum by a
 * plain Java loop. {@link W1SquaresColumnar} is the columnar W1.
 */
public final class W1Squares implements Workload {
  /** The id printed in result lines. */
  public static final String ID = "W1-squares-typed";

  /** How many values are squared and summed. */
  private final long n;

  /** The bench's W1: {@code n = 10^8}. */
  public W1Squares() {
    this(Squares.DEFAULT_N);
  }

  /** W1 over {@code [0, n)}, for tests and quick runs. */
  public W1Squares(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be at least 0, got " + n);
    }
    this.n = n;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public boolean readsData() {
    return false;
  }

  @Override
  public String run(Sluice sluice, BenchData data) {
    return Long.toString(Squares.sumOfSquares(sluice, n));
  }

  @Override
  public Optional<Baseline> baseline() {
    return Optional.of(data -> Long.toString(Squares.referenceSumOfSquares(n)));
  }
}
