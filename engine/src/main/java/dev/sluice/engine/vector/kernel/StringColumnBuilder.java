package dev.sluice.engine.vector.kernel;

import dev.sluice.engine.vector.StringData;
import java.util.Arrays;

/**
 * Builds a utf8 result column row by row: append the bytes of a row, then {@link #endRow()} or
 * {@link #endNullRow()}. The byte buffer grows by doubling.
 */
final class StringColumnBuilder {
  private final int[] offsets;
  private boolean[] nulls;
  private byte[] bytes;
  private int length;
  private int row;

  StringColumnBuilder(int rows, int expectedBytes) {
    this.offsets = new int[rows + 1];
    this.bytes = new byte[Math.max(16, expectedBytes)];
  }

  void append(byte[] source, int from, int to) {
    int count = to - from;
    ensure(count);
    System.arraycopy(source, from, bytes, length, count);
    length += count;
  }

  void appendByte(int b) {
    ensure(1);
    bytes[length++] = (byte) b;
  }

  /** A non-negative number in decimal, zero-padded to at least {@code width} digits. */
  void appendDigits(long value, int width) {
    int digits = 1;
    for (long rest = value / 10; rest != 0; rest /= 10) {
      digits++;
    }
    int count = Math.max(digits, width);
    ensure(count);
    for (int i = count - 1; i >= 0; i--) {
      bytes[length + i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    length += count;
  }

  /** Makes room for {@code count} more bytes and returns the buffer (valid until the next append). */
  byte[] reserve(int count) {
    ensure(count);
    return bytes;
  }

  int position() {
    return length;
  }

  /** Advances the write position after writing {@code count} bytes into {@link #reserve}'s buffer. */
  void advance(int count) {
    length += count;
  }

  void endRow() {
    offsets[++row] = length;
  }

  void endNullRow() {
    if (nulls == null) {
      nulls = new boolean[offsets.length - 1];
    }
    nulls[row] = true;
    offsets[++row] = length;
  }

  StringData build() {
    if (row != offsets.length - 1) {
      throw new IllegalStateException("built " + row + " of " + (offsets.length - 1) + " rows");
    }
    return new StringData(bytes, offsets, nulls, row);
  }

  private void ensure(int count) {
    if (length + count > bytes.length) {
      long wanted = Math.max((long) bytes.length * 2, (long) length + count);
      bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 8, wanted));
    }
  }
}
