package dev.sluice.executors.spill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sampled size estimate: grows with entries and with accumulators, sees a hot key, resets. */
class TestSizeEstimate {
  @Test
  void testEstimateGrowsLinearlyWithSimilarEntries() {
    List<Object> entries = new ArrayList<>();
    SizeEstimate estimate = new SizeEstimate(50, entries::get);
    long at1000 = 0;
    for (int i = 0; i < 2000; i++) {
      entries.add("key-" + (10_000 + i));
      long bytes = estimate.update(entries.size(), i);
      if (i == 999) {
        at1000 = bytes;
      }
    }
    long serialized = SizeEstimate.serializedSize("key-10000");
    assertThat(at1000).isBetween(1000 * (50 + serialized),
        1250 * (50 + (long) (SizeEstimate.HEAP_FACTOR * serialized)));
    assertThat(estimate.estimate()).isBetween(at1000 * 18 / 10, at1000 * 22 / 10);
  }

  @Test
  void testHotEntryThatGrowsIsCounted() {
    List<Object> entries = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      entries.add(i);
    }
    List<Integer> hot = new ArrayList<>();
    entries.set(0, hot);
    SizeEstimate estimate = new SizeEstimate(0, entries::get);
    long before = 0;
    for (int i = 0; i < 20_000; i++) {
      hot.add(i);
      long bytes = estimate.update(entries.size(), 0);
      if (i == 0) {
        before = bytes;
      }
    }
    assertThat(estimate.estimate()).isGreaterThan(before + (long) SizeEstimate.HEAP_FACTOR * 20_000);
  }

  @Test
  void testResetStartsFromZero() {
    List<Object> entries = new ArrayList<>(List.of("a", "b"));
    SizeEstimate estimate = new SizeEstimate(10, entries::get);
    assertThat(estimate.update(2, 1)).isPositive();
    estimate.reset();
    assertThat(estimate.estimate()).isZero();
  }
}
