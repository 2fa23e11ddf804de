package dev.sluice.engine.batch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.compression.NoCompressionCodec;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;

/**
 * Arrow IPC stream encoding of batches, for data that leaves a task: task results, values shipped
 * with a task, and (later) shuffle blocks. Batches with different schemas are written as separate
 * streams, one after another, each prefixed by its length.
 */
public final class BatchCodec {
  private BatchCodec() {}

  /** Buffer compression of encoded streams. */
  public enum Compression {
    NONE(CompressionUtil.CodecType.NO_COMPRESSION),
    LZ4(CompressionUtil.CodecType.LZ4_FRAME),
    ZSTD(CompressionUtil.CodecType.ZSTD);

    private final CompressionUtil.CodecType codec;

    Compression(CompressionUtil.CodecType codec) {
      this.codec = codec;
    }
  }

  /** As {@link #encode(List, BufferAllocator, Compression)} without compression. */
  public static byte[] encode(List<Batch> batches, BufferAllocator allocator) {
    return encode(batches, allocator, Compression.NONE);
  }

  /**
   * Encodes the batches (which stay owned by the caller) as a sequence of IPC streams, their
   * buffers compressed with {@code compression}; {@code allocator} holds a transient staging copy.
   */
  public static byte[] encode(List<Batch> batches, BufferAllocator allocator, Compression compression) {
    EncodeBuffer out = new EncodeBuffer(compression == Compression.NONE ? expectedBytes(batches) : 1 << 16);
    int i = 0;
    while (i < batches.size()) {
      int j = i + 1;
      while (j < batches.size()
          && batches.get(j).arrowSchema().equals(batches.get(i).arrowSchema())) {
        j++;
      }
      int lengthAt = out.reserveInt();
      encodeStream(batches.subList(i, j), allocator, compression, out);
      out.putInt(lengthAt, out.size() - lengthAt - 4);
      i = j;
    }
    return out.toByteArray();
  }

  /**
   * About the size of the uncompressed encoding: the buffers, plus the IPC messages' metadata (a
   * schema per stream, a record-batch header per batch, both growing with the columns). Slightly
   * high rather than low, so that the output array need not grow.
   */
  private static long expectedBytes(List<Batch> batches) {
    long bytes = 0;
    for (Batch batch : batches) {
      int columns = batch.root().getFieldVectors().size();
      bytes += batch.sizeInBytes() + 8L * 3 * columns + 256 + 96L * columns;
    }
    return bytes + 1024 + (batches.isEmpty() ? 0 : 256L * batches.get(0).root().getFieldVectors().size());
  }

  private static void encodeStream(List<Batch> sameSchema, BufferAllocator allocator, Compression compression,
      EncodeBuffer out) {
    VectorSchemaRoot first = sameSchema.get(0).root();
    try (VectorSchemaRoot staging = VectorSchemaRoot.create(first.getSchema(), allocator);
        ArrowStreamWriter writer = new ArrowStreamWriter(staging, null, out, IpcOption.DEFAULT,
            compression == Compression.NONE ? NoCompressionCodec.Factory.INSTANCE : CommonsCompressionFactory.INSTANCE,
            compression.codec)) {
      writer.start();
      for (Batch batch : sameSchema) {
        VectorUnloader unloader = new VectorUnloader(batch.root());
        try (ArrowRecordBatch records = unloader.getRecordBatch()) {
          new org.apache.arrow.vector.VectorLoader(staging).load(records);
          writer.writeBatch();
        }
      }
      writer.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Decodes every batch in {@code bytes}; the caller owns (and closes) the returned batches. */
  public static List<Batch> decode(byte[] bytes, BufferAllocator allocator) {
    return decode(bytes, 0, bytes.length, allocator);
  }

  /**
   * Decodes every batch in {@code bytes[offset, offset + length)}, compressed or not; the caller
   * owns (and closes) the returned batches.
   */
  public static List<Batch> decode(byte[] bytes, int start, int total, BufferAllocator allocator) {
    List<Batch> batches = new ArrayList<>();
    int offset = start;
    try {
      while (offset < start + total) {
        int length = readInt(bytes, offset);
        offset += 4;
        try (ArrowStreamReader reader =
            new ArrowStreamReader(new ByteArrayInputStream(bytes, offset, length), allocator,
                CommonsCompressionFactory.INSTANCE)) {
          VectorSchemaRoot source = reader.getVectorSchemaRoot();
          while (reader.loadNextBatch()) {
            VectorSchemaRoot copy = VectorSchemaRoot.create(source.getSchema(), allocator);
            for (int c = 0; c < source.getFieldVectors().size(); c++) {
              source.getVector(c).makeTransferPair(copy.getVector(c)).transfer();
            }
            copy.setRowCount(source.getRowCount());
            batches.add(new Batch(copy));
          }
        }
        offset += length;
      }
    } catch (IOException | RuntimeException e) {
      batches.forEach(Batch::close);
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
    return batches;
  }

  private static int readInt(byte[] bytes, int offset) {
    return ((bytes[offset] & 0xff) << 24)
        | ((bytes[offset + 1] & 0xff) << 16)
        | ((bytes[offset + 2] & 0xff) << 8)
        | (bytes[offset + 3] & 0xff);
  }
}
