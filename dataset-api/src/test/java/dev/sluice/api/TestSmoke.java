package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestSmoke {
  @Test
  void testRangeSum() {
    try (Sluice sluice = Sluice.builder().master("local[2]").appName("smoke").getOrCreate()) {
      assertThat(sluice.range(0, 1000).map(x -> x * x).sum()).isEqualTo(332833500L);
      assertThat(sluice.parallelize(Arrays.asList("a", "bb", null, "ccc"), 3).map(s -> s == null ? -1 : s.length()).collect())
          .containsExactly(1, 2, -1, 3);
      assertThat(sluice.range(0, 100, 1, 7).limit(5).collect()).containsExactly(0L, 1L, 2L, 3L, 4L);
      System.out.println(sluice.range(0, 100, 1, 7).filter(x -> x % 2 == 0).mapToObj(x -> "n" + x).limit(3).explainString());
    }
  }
}
