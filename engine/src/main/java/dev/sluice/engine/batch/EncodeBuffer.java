package dev.sluice.engine.batch;

import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;

/**
 * The growable byte array {@link BatchCodec#encode} writes its IPC streams into, as the channel
 * Arrow's stream writer writes to: each buffer arrives in one bulk copy (from Arrow's direct
 * memory straight into the array, where {@code Channels.newChannel(ByteArrayOutputStream)} goes
 * through an 8 KiB staging array), a stream's length prefix is patched in place once the stream
 * is written, and a well-sized array is handed out without a final copy.
 */
final class EncodeBuffer implements WritableByteChannel {
  /** Java arrays cannot be quite {@code Integer.MAX_VALUE} long. */
  private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

  private byte[] bytes;
  private int size;

  EncodeBuffer(long expectedBytes) {
    this.bytes = new byte[(int) Math.max(64, Math.min(MAX_ARRAY, expectedBytes))];
  }

  int size() {
    return size;
  }

  /** Appends a 4-byte big-endian placeholder and returns its position, for {@link #putInt}. */
  int reserveInt() {
    ensure(4);
    size += 4;
    return size - 4;
  }

  /** Writes {@code value} big-endian at {@code position}. */
  void putInt(int position, int value) {
    bytes[position] = (byte) (value >>> 24);
    bytes[position + 1] = (byte) (value >>> 16);
    bytes[position + 2] = (byte) (value >>> 8);
    bytes[position + 3] = (byte) value;
  }

  @Override
  public int write(ByteBuffer source) {
    int length = source.remaining();
    ensure(length);
    source.get(bytes, size, length);
    size += length;
    return length;
  }

  /** The bytes written: the array itself when it is exactly full, a trimmed copy otherwise. */
  byte[] toByteArray() {
    return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
  }

  private void ensure(int more) {
    long needed = (long) size + more;
    if (needed <= bytes.length) {
      return;
    }
    if (needed > MAX_ARRAY) {
      throw new IllegalStateException("An encoded result of more than " + MAX_ARRAY
          + " bytes does not fit in one Java array; use more partitions");
    }
    bytes = Arrays.copyOf(bytes, (int) Math.min(MAX_ARRAY, Math.max(needed, bytes.length + (bytes.length >> 1))));
  }

  @Override
  public boolean isOpen() {
    return true;
  }

  @Override
  public void close() {
    // nothing to release: the array is handed out by toByteArray
  }
}
