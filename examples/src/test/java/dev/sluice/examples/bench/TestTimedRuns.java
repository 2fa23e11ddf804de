package dev.sluice.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TestTimedRuns {
  @Test
  void testWarmsUpOnceThenRunsTheTimedRuns() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    TimedRuns.Measurement measurement = TimedRuns.measure("count", 3, () -> {
      calls.incrementAndGet();
      return "42";
    });
    assertThat(calls).hasValue(4);
    assertThat(measurement.seconds()).hasSize(3);
    assertThat(measurement.checksum()).isEqualTo("42");
  }

  @Test
  void testDifferentChecksumsFail() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> TimedRuns.measure("flaky", 2, () -> String.valueOf(calls.incrementAndGet())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("flaky is not deterministic");
  }

  @Test
  void testMedianOfOddAndEvenCounts() {
    assertThat(new TimedRuns.Measurement(List.of(3.0, 1.0, 2.0), "c").medianSeconds()).isEqualTo(2.0);
    assertThat(new TimedRuns.Measurement(List.of(4.0, 1.0, 2.0, 3.0), "c").medianSeconds()).isEqualTo(2.5);
  }
}
