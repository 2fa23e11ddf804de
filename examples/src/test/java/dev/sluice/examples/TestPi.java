package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.api.Sluice;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TestPi {
  @Test
  void testPointsAreTheDoublesOfSplittableRandomZero() {
    SplittableRandom random = new SplittableRandom(0);
    for (long i = 0; i < 1_000; i++) {
      double x = random.nextDouble();
      double y = random.nextDouble();
      assertThat(Pi.isInside(i)).as("sample %d", i).isEqualTo(x * x + y * y <= 1.0);
    }
  }

  @Test
  void testEstimateIsDeterministicAndCloseToPi() {
    long samples = 200_000;
    long expectedInside = 0;
    for (long i = 0; i < samples; i++) {
      if (Pi.isInside(i)) {
        expectedInside++;
      }
    }
    try (Sluice sluice = Sluice.builder().master("local[2]").appName("test-pi").getOrCreate()) {
      long inside = Pi.countInside(sluice, samples, 4);
      assertThat(inside).isEqualTo(expectedInside);
      assertThat(Pi.countInside(sluice, samples, 3)).as("another partitioning").isEqualTo(inside);
      assertThat(Pi.estimate(sluice, samples, 4)).isCloseTo(Math.PI, within(0.05));
    }
  }
}
