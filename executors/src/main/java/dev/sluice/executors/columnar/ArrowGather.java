package dev.sluice.executors.columnar;

import dev.sluice.engine.batch.Batch;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Copies chosen rows of several Arrow batches of one schema into a new batch, in the order given:
 * the output step of a sort (a random gather). Fixed-width, boolean and 32-bit-offset
 * variable-width columns are copied by buffer address; any other column type through Arrow's
 * {@code copyFromSafe}.
 */
final class ArrowGather {
  private ArrowGather() {}

  /** A batch to gather from, with its buffers' addresses taken once. The batch stays its owner's. */
  static final class Source {
    /** The batch. */
    final Batch batch;
    /** Its columns. */
    final FieldVector[] vectors;
    /** Per column: the data buffer's address. */
    final long[] data;
    /** Per column: the validity buffer's address. */
    final long[] validity;
    /** Per column: the offset buffer's address (variable-width columns). */
    final long[] offsets;
    /** Per column: whether any row is null. */
    final boolean[] hasNulls;

    Source(Batch batch) {
      this.batch = batch;
      List<FieldVector> columns = batch.root().getFieldVectors();
      int count = columns.size();
      vectors = columns.toArray(new FieldVector[0]);
      data = new long[count];
      validity = new long[count];
      offsets = new long[count];
      hasNulls = new boolean[count];
      for (int c = 0; c < count; c++) {
        FieldVector vector = vectors[c];
        if (vector instanceof BaseFixedWidthVector || vector instanceof BaseVariableWidthVector) {
          data[c] = vector.getDataBufferAddress();
          validity[c] = vector.getValidityBufferAddress();
          hasNulls[c] = vector.getNullCount() > 0;
        }
        if (vector instanceof BaseVariableWidthVector) {
          offsets[c] = vector.getOffsetBufferAddress();
        }
      }
    }

    int rowCount() {
      return batch.rowCount();
    }
  }

  /**
   * A new batch (owned by the caller) of {@code count > 0} rows: row {@code i} is row {@code
   * rowOf[i]} of {@code sources[sourceOf[i]]}.
   */
  static Batch gather(Source[] sources, int[] sourceOf, int[] rowOf, int count, BufferAllocator allocator) {
    Source template = sources[sourceOf[0]];
    VectorSchemaRoot templateRoot = template.batch.root();
    List<Field> fields = templateRoot.getSchema().getFields();
    List<FieldVector> out = new ArrayList<>(fields.size());
    try {
      for (int c = 0; c < fields.size(); c++) {
        FieldVector vector = template.vectors[c].getField().createVector(allocator);
        out.add(vector);
        gatherColumn(c, vector, template.vectors[c], sources, sourceOf, rowOf, count);
      }
    } catch (RuntimeException e) {
      out.forEach(FieldVector::close);
      throw e;
    }
    return new Batch(new VectorSchemaRoot(fields, out, count));
  }

  private static void gatherColumn(int c, FieldVector out, FieldVector like, Source[] sources, int[] sourceOf,
      int[] rowOf, int count) {
    if (like instanceof BitVector) {
      BitVector bits = (BitVector) out;
      bits.allocateNew(count);
      long address = bits.getDataBufferAddress();
      MemoryUtil.setMemory(address, (count + 7) / 8, (byte) 0);
      for (int i = 0; i < count; i++) {
        Source source = sources[sourceOf[i]];
        if (bit(source.data[c], rowOf[i])) {
          setBit(address, i);
        }
      }
      gatherValidity(c, bits.getValidityBufferAddress(), sources, sourceOf, rowOf, count);
      bits.setValueCount(count);
    } else if (like instanceof BaseFixedWidthVector fixed) {
      BaseFixedWidthVector target = (BaseFixedWidthVector) out;
      target.allocateNew(count);
      gatherFixed(c, fixed.getTypeWidth(), target.getDataBufferAddress(), sources, sourceOf, rowOf, count);
      gatherValidity(c, target.getValidityBufferAddress(), sources, sourceOf, rowOf, count);
      target.setValueCount(count);
    } else if (like instanceof BaseVariableWidthVector) {
      gatherVariable(c, (BaseVariableWidthVector) out, sources, sourceOf, rowOf, count);
    } else {
      out.allocateNew();
      for (int i = 0; i < count; i++) {
        out.copyFromSafe(rowOf[i], i, sources[sourceOf[i]].vectors[c]);
      }
      out.setValueCount(count);
    }
  }

  private static void gatherFixed(int c, int width, long target, Source[] sources, int[] sourceOf, int[] rowOf,
      int count) {
    switch (width) {
      case 8 -> {
        for (int i = 0; i < count; i++) {
          MemoryUtil.putLong(target + 8L * i, MemoryUtil.getLong(sources[sourceOf[i]].data[c] + 8L * rowOf[i]));
        }
      }
      case 4 -> {
        for (int i = 0; i < count; i++) {
          MemoryUtil.putInt(target + 4L * i, MemoryUtil.getInt(sources[sourceOf[i]].data[c] + 4L * rowOf[i]));
        }
      }
      case 16 -> {
        for (int i = 0; i < count; i++) {
          long from = sources[sourceOf[i]].data[c] + 16L * rowOf[i];
          MemoryUtil.putLong(target + 16L * i, MemoryUtil.getLong(from));
          MemoryUtil.putLong(target + 16L * i + 8, MemoryUtil.getLong(from + 8));
        }
      }
      default -> {
        for (int i = 0; i < count; i++) {
          MemoryUtil.copyMemory(sources[sourceOf[i]].data[c] + (long) width * rowOf[i], target + (long) width * i,
              width);
        }
      }
    }
  }

  private static void gatherVariable(int c, BaseVariableWidthVector out, Source[] sources, int[] sourceOf,
      int[] rowOf, int count) {
    long total = 0;
    for (int i = 0; i < count; i++) {
      long offsets = sources[sourceOf[i]].offsets[c] + 4L * rowOf[i];
      total += MemoryUtil.getInt(offsets + 4) - MemoryUtil.getInt(offsets);
    }
    out.allocateNew(Math.max(1, total), count);
    long targetOffsets = out.getOffsetBufferAddress();
    long targetData = out.getDataBufferAddress();
    int position = 0;
    MemoryUtil.putInt(targetOffsets, 0);
    for (int i = 0; i < count; i++) {
      Source source = sources[sourceOf[i]];
      long offsets = source.offsets[c] + 4L * rowOf[i];
      int start = MemoryUtil.getInt(offsets);
      int length = MemoryUtil.getInt(offsets + 4) - start;
      MemoryUtil.copyMemory(source.data[c] + start, targetData + position, length);
      position += length;
      MemoryUtil.putInt(targetOffsets + 4L * (i + 1), position);
    }
    gatherValidity(c, out.getValidityBufferAddress(), sources, sourceOf, rowOf, count);
    out.setLastSet(count - 1);
    out.setValueCount(count);
  }

  private static void gatherValidity(int c, long target, Source[] sources, int[] sourceOf, int[] rowOf, int count) {
    boolean anyNulls = false;
    for (int i = 0; i < count && !anyNulls; i++) {
      anyNulls = sources[sourceOf[i]].hasNulls[c];
    }
    if (!anyNulls) {
      MemoryUtil.setMemory(target, count >>> 3, (byte) 0xff);
      if ((count & 7) != 0) {
        MemoryUtil.putByte(target + (count >>> 3), (byte) ((1 << (count & 7)) - 1));
      }
      return;
    }
    for (int start = 0; start < count; start += 8) {
      int end = Math.min(count, start + 8);
      int value = 0;
      for (int i = start; i < end; i++) {
        Source source = sources[sourceOf[i]];
        if (!source.hasNulls[c] || bit(source.validity[c], rowOf[i])) {
          value |= 1 << (i - start);
        }
      }
      MemoryUtil.putByte(target + (start >>> 3), (byte) value);
    }
  }

  private static boolean bit(long address, int index) {
    return (MemoryUtil.getByte(address + (index >>> 3)) & (1 << (index & 7))) != 0;
  }

  private static void setBit(long address, int index) {
    long at = address + (index >>> 3);
    MemoryUtil.putByte(at, (byte) (MemoryUtil.getByte(at) | (1 << (index & 7))));
  }
}
