package dev.sluice.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Sluice;
import dev.sluice.examples.Squares;
import org.junit.jupiter.api.Test;

class TestW1Squares {
  @Test
  void testReducedRunMatchesReferenceAndBaseline() throws Exception {
    check(new W1Squares(250_001), 250_001, "W1-squares-typed");
  }

  @Test
  void testColumnarRunMatchesReferenceAndBaseline() throws Exception {
    check(new W1SquaresColumnar(250_001), 250_001, "W1-squares");
    check(new W1SquaresColumnar(0), 0, "W1-squares");
  }

  private static void check(Workload workload, long n, String id) throws Exception {
    String reference = Long.toString(Squares.referenceSumOfSquares(n));
    try (Sluice sluice = Sluice.builder().master("local[2]").appName("test-w1").getOrCreate()) {
      assertThat(workload.run(sluice, BenchData.none())).isEqualTo(reference);
    }
    assertThat(workload.baseline()).isPresent();
    assertThat(workload.baseline().get().run(BenchData.none())).isEqualTo(reference);
    assertThat(workload.readsData()).isFalse();
    assertThat(workload.id()).isEqualTo(id);
  }
}
