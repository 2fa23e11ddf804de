package dev.sluice.gpu.runtime;

import jcuda.Pointer;
import org.apache.arrow.memory.ArrowBuf;

/**
 * A JCuda {@link Pointer} to a native host address, such as an Arrow buffer's: JCuda passes it to
 * the driver as is, so copies go straight from and to Arrow memory with no Java-side copy (GPU.md
 * section 4). The memory must stay allocated while the driver uses the pointer.
 */
public final class RawPointer extends Pointer {
  /** A pointer to {@code address}; zero is the null pointer. */
  public RawPointer(long address) {
    super(address);
  }

  /**
   * A pointer to byte {@code offset} of {@code buffer}.
   *
   * @throws IndexOutOfBoundsException when the offset lies outside the buffer
   */
  public static RawPointer of(ArrowBuf buffer, long offset) {
    if (offset < 0 || offset > buffer.capacity()) {
      throw new IndexOutOfBoundsException(
          "offset %d outside a buffer of %d bytes".formatted(offset, buffer.capacity()));
    }
    return new RawPointer(buffer.memoryAddress() + offset);
  }
}
