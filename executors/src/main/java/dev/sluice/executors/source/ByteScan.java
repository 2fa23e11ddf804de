package dev.sluice.executors.source;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds a byte in an array eight bytes at a time (SWAR: one long read and a few arithmetic
 * operations test eight bytes), for line ends and CSV delimiters.
 */
final class ByteScan {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private ByteScan() {}

  /** The pattern that {@link #indexOf} takes for byte {@code value}. */
  static long pattern(byte value) {
    return (value & 0xFFL) * ONES;
  }

  /** The first index in {@code [from, to)} holding the byte of {@code pattern}, or {@code to}. */
  static int indexOf(byte[] b, int from, int to, long pattern) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(b, i) ^ pattern;
      long found = (x - ONES) & ~x & HIGHS;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    byte value = (byte) pattern;
    for (; i < to; i++) {
      if (b[i] == value) {
        return i;
      }
    }
    return to;
  }
}
