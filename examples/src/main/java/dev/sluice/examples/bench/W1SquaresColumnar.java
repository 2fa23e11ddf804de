package dev.sluice.examples.bench;

import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.sum;

import dev.sluice.api.Sluice;
import dev.sluice.examples.Squares;
import java.util.Optional;

/**
 * W1-squares: the wrapping 64-bit sum of {@code x * x} for {@code x} in {@code [0, n)}, {@code n =
 * 10^8} (checksum {@code 662921401752298880}), on the columnar path:
 * {@code range(0, n).toDF().select(sum(col("id") * col("id")))}. {@link W1Squares} runs the same
 * sum as typed lambdas.
 */
public final class W1SquaresColumnar implements Workload {
  /** The id printed in result lines. */
  public static final String ID = "W1-squares";

  private final long n;

  /** The bench's W1: {@code n = 10^8}. */
  public W1SquaresColumnar() {
    this(Squares.DEFAULT_N);
  }

  /** W1 over {@code [0, n)}, for tests and quick runs. */
  public W1SquaresColumnar(long n) {
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
    var row = sluice.range(0, n).toDF().select(sum(col("id").multiply(col("id")))).first();
    return Long.toString(row.isNullAt(0) ? 0 : row.getLong(0));
  }

  @Override
  public Optional<Baseline> baseline() {
    return Optional.of(data -> Long.toString(Squares.referenceSumOfSquares(n)));
  }
}
