package dev.sluice.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Sluice;
import dev.sluice.examples.Squares;
import org.junit.jupiter.api.Test;

class TestW1Squares {
  @Test
  void testReducedRunMatchesReferenceAndBaseline() throws Exception {
    long n = 250_001;
    W1Squares workload = new W1Squares(n);
    String reference = Long.toString(Squares.referenceSumOfSquares(n));
    try (Sluice sluice = Sluice.builder().master("local[2]").appName("test-w1").getOrCreate()) {
      assertThat(workload.run(sluice, BenchData.none())).isEqualTo(reference);
    }
    assertThat(workload.baseline()).isPresent();
    assertThat(workload.baseline().get().run(BenchData.none())).isEqualTo(reference);
    assertThat(workload.readsData()).isFalse();
    assertThat(workload.id()).isEqualTo("W1-squares");
  }
}
