package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Sluice;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TestSquares {
  @Test
  void testSumOfSquaresMatchesPlainLoop() {
    try (Sluice sluice = Sluice.builder().master("local[2]").appName("test-squares").getOrCreate()) {
      for (long n : new long[] {0, 1, 2, 1_000, 123_457}) {
        long expected = 0;
        for (long x = 0; x < n; x++) {
          expected += x * x;
        }
        assertThat(Squares.sumOfSquares(sluice, n)).as("n=%d", n).isEqualTo(expected);
      }
    }
  }

  @Test
  void testReferenceWrapsLikeLongArithmetic() {
    // n(n-1)(2n-1)/6 overflows a long for these n; the reference must keep the low 64 bits.
    for (long n : new long[] {3_000_000L, 10_000_001L}) {
      assertThat(Squares.referenceSumOfSquares(n)).as("n=%d", n).isEqualTo(closedForm(n));
    }
    assertThat(closedForm(Squares.DEFAULT_N)).isEqualTo(Squares.EXPECTED_DEFAULT_SUM);
  }

  /** The sum of squares below n by the closed form, in exact arithmetic, wrapped to a long. */
  private static long closedForm(long n) {
    BigInteger big = BigInteger.valueOf(n);
    return big.multiply(big.subtract(BigInteger.ONE))
        .multiply(big.shiftLeft(1).subtract(BigInteger.ONE))
        .divide(BigInteger.valueOf(6))
        .longValue();
  }

  @Test
  void testRunPrintsSumForGivenN() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status = Squares.run(new String[] {"1000", "--master", "local[2]"},
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(status).isZero();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("[0, 1000) = 332833500");
  }

  @Test
  void testRunRejectsUnknownFlag() {
    assertThatThrownBy(() -> Squares.run(new String[] {"--partitions", "4"}, System.out))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--partitions")
        .hasMessageContaining("--master");
  }
}
