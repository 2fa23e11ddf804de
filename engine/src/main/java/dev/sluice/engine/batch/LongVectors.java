package dev.sluice.engine.batch;

import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;

/**
 * Allocates int64 vectors for operators that write every value themselves. Arrow's {@code
 * allocateNew} zero-fills the data buffer, which for a 64K-row batch costs more than computing and
 * writing the values (measured: about 95 µs of zeroing against 20 µs of writing per 512 KiB); this
 * skips the fill and marks every value valid.
 */
public final class LongVectors {
  private LongVectors() {}

  /**
   * A vector of {@code rows} non-null values whose data is NOT initialized: the caller must write
   * every value (by address) before handing the vector on. The caller owns the vector.
   */
  public static BigIntVector allocateAllValid(String name, int rows, BufferAllocator allocator) {
    BigIntVector vector = new BigIntVector(name, allocator);
    long validityBytes = Math.max(8, BitVectorHelper.getValidityBufferSize(rows));
    try (ArrowBuf validity = allocator.buffer(validityBytes);
        ArrowBuf data = allocator.buffer(Math.max(8, (long) rows * BigIntVector.TYPE_WIDTH))) {
      validity.setZero(0, validityBytes);
      validity.setOne(0, rows / 8);
      for (int i = rows / 8 * 8; i < rows; i++) {
        BitVectorHelper.setBit(validity, i);
      }
      vector.loadFieldBuffers(new ArrowFieldNode(rows, 0), List.of(validity, data));
      vector.setValueCount(rows);
    } catch (RuntimeException e) {
      vector.close();
      throw e;
    }
    return vector;
  }
}
