package dev.sluice.executors.transfer;

import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * How a blob travels as a Flight stream, in both directions: one non-null {@code binary} column
 * {@code chunk}, each value up to {@link #CHUNK_BYTES} of the blob in order, up to {@link
 * #CHUNKS_PER_BATCH} values per batch. An empty blob is a stream with no batches.
 */
final class BlobChunks {
  static final int CHUNK_BYTES = 1 << 20;
  static final int CHUNKS_PER_BATCH = 4;
  static final Schema SCHEMA = new Schema(List.of(
      new Field("chunk", FieldType.notNullable(ArrowType.Binary.INSTANCE), null)));

  private BlobChunks() {}

  /** The batch's chunk column, after checking that the stream has the blob schema. */
  static VarBinaryVector column(VectorSchemaRoot root) {
    if (!SCHEMA.equals(root.getSchema())) {
      throw new IllegalStateException("expected a blob stream with schema " + SCHEMA + " but got " + root.getSchema());
    }
    return (VarBinaryVector) root.getVector(0);
  }

  /** A byte array that grows as chunks arrive. */
  static final class Assembly {
    private byte[] bytes = new byte[0];
    private int size;

    /** Appends every chunk of the batch. */
    void append(VectorSchemaRoot root) {
      VarBinaryVector chunks = column(root);
      int rows = root.getRowCount();
      if (rows == 0) {
        return;
      }
      int start = chunks.getStartOffset(0);
      long length = (long) chunks.getEndOffset(rows - 1) - start;
      if (size + length > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("blob exceeds the 2 GiB a byte array holds");
      }
      if (size + length > bytes.length) {
        bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 8,
            Math.max(size + length, 2L * bytes.length)));
      }
      // values are contiguous in the data buffer, so the batch is one copy
      chunks.getDataBuffer().getBytes(start, bytes, size, (int) length);
      size += (int) length;
    }

    byte[] toByteArray() {
      return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }
  }
}
