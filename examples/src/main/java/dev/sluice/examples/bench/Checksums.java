package dev.sluice.examples.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The checksum formats of BENCHMARKS.md for W3–W6, shared by the engine runs and the baselines. */
final class Checksums {
  private Checksums() {}

  /** {@code rows=4,sum_charge=223635377438.35,count=5916591}. */
  static String q1(int rows, BigDecimal sumCharge, long count) {
    return "rows=" + rows + ",sum_charge=" + sumCharge.setScale(2, RoundingMode.HALF_UP).toPlainString()
        + ",count=" + count;
  }

  /** {@code revenue=123141078.2283}. */
  static String q6(BigDecimal revenue) {
    return "revenue=" + revenue.setScale(4, RoundingMode.HALF_UP).toPlainString();
  }

  /** {@code rows=10,top=2456423,okeysum=26354041,rev=3830997.3935}. */
  static String q3(long[] orderKeys, BigDecimal revenueSum) {
    return "rows=" + orderKeys.length + ",top=" + (orderKeys.length == 0 ? "none" : orderKeys[0]) + ",okeysum="
        + Arrays.stream(orderKeys).sum() + ",rev=" + revenueSum.setScale(4, RoundingMode.HALF_UP).toPlainString();
  }

  /** The first ten order keys, comma-separated. */
  static String sort(long[] firstOrderKeys) {
    return Arrays.stream(firstOrderKeys).mapToObj(Long::toString).collect(Collectors.joining(","));
  }
}
