package dev.sluice.executors.columnar;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The sort buffer's rows in row-major form, off-heap: each row's null bits, fixed-width values and
 * variable-width values (strings, binary) side by side, rows one after another in blocks. A table
 * of one int per row (block and offset) finds row {@code id}, the rows numbered in the order
 * appended.
 *
 * <p>Why: a sort gathers rows in an order unrelated to the input. Gathered column by column from
 * the input's Arrow vectors, each row costs a cache and TLB miss per column (measured: about 0.9
 * µs per row of TPC-H lineitem's 16 columns); from a row it costs one miss for a few adjacent
 * lines (plus a lookup in the row table, which is small enough to stay in the last-level cache).
 * The misses are taken in a first lean pass over an output batch's rows, whose independent loads
 * the CPU overlaps, before the columns are written from the cache.
 *
 * <p>A row is its slot ({@link RowLayout}: null bits, then each column's value or length) followed
 * by the bytes of its variable-width values, one after the other.
 */
final class RowStore implements AutoCloseable {
  private static final int FIXED = RowLayout.FIXED;
  private static final int BOOLEAN = RowLayout.BOOLEAN;
  private static final int VARIABLE = RowLayout.VARIABLE;
  /** Bits of a row reference that hold the row's offset in its block. */
  private static final int OFFSET_BITS = 21;
  /** Bytes per block of rows (a larger row gets a block of its own). */
  private static final long BLOCK_BYTES = 1L << OFFSET_BITS;
  /**
   * Bytes past the end of every block that rows never use, so that a value's copy may read whole
   * 8-byte words beyond its end.
   */
  private static final int SLACK_BYTES = 8;
  /** The most blocks row references can address. */
  static final int MAX_BLOCKS = 1 << (31 - OFFSET_BITS);
  /** Rows converted or gathered at a time (their slots stay in the L2 cache). */
  private static final int TILE_ROWS = 1024;

  private final BufferAllocator allocator;
  /** Where each column's value lies in a row (its arrays are copied to the fields below). */
  private final RowLayout layout;
  /** The Arrow fields of the rows. */
  private final List<Field> fields;
  /** Per column: {@link RowLayout#FIXED}, {@code BOOLEAN} or {@code VARIABLE}. */
  private final int[] kinds;
  /** Per column: the value's width in the slot. */
  private final int[] widths;
  /**
   * Per column: a decimal of at most 18 digits, stored as its low 8 bytes (the high 8 of Arrow's 16
   * only repeat the sign).
   */
  private final boolean[] narrowDecimals;
  /** Per column: the value's offset in the slot. */
  private final int[] offsets;
  /** Per column: whether any row appended had a null. */
  private final boolean[] hasNulls;
  /** Per variable-width column: its bytes stored, to size output vectors. */
  private final long[] variableBytesPerColumn;
  /** Whether any column is variable-width. */
  private final boolean anyVariable;
  /** Bytes of a row before its variable-width values. */
  private final int slotBytes;
  /** Blocks of rows. */
  private final List<ArrowBuf> blocks = new ArrayList<>();
  /** Their addresses. */
  private long[] blockAddresses = new long[8];
  /** The free part of the last block: [blockAt, blockEnd). */
  private long blockAt;
  private long blockEnd;
  /** Per row: its block (high bits) and offset in it (low {@value #OFFSET_BITS} bits). */
  private int[] rowRefs = new int[1024];
  /** Bytes of rows stored. */
  private long bytes;
  /** Rows stored. */
  private int rows;
  /** Sums the bytes read only to pull rows into the cache, so that those reads are not optimized away. */
  private long touchedSum;

  /**
   * A store for rows of the batch {@code like}'s layout.
   *
   * @throws EngineException UNSUPPORTED_TYPE for a column that is not fixed-width, boolean or
   *     variable-width with 32-bit offsets
   */
  RowStore(VectorSchemaRoot like, BufferAllocator allocator) {
    this.allocator = allocator;
    this.layout = new RowLayout(like);
    this.fields = layout.fields;
    this.kinds = layout.kinds;
    this.widths = layout.widths;
    this.narrowDecimals = layout.narrowDecimals;
    this.offsets = layout.offsets;
    this.anyVariable = layout.anyVariable;
    this.slotBytes = layout.slotBytes;
    this.hasNulls = new boolean[kinds.length];
    this.variableBytesPerColumn = new long[kinds.length];
  }

  /** Whether rows of this batch can be stored: the same column count and column layouts. */
  boolean accepts(VectorSchemaRoot root) {
    return layout.accepts(root);
  }

  int rows() {
    return rows;
  }

  /** Bytes in use: the rows (off-heap) and the row table. */
  long bytesHeld() {
    return bytes + 4L * rowRefs.length;
  }

  /**
   * Whether the store can take about {@code moreBytes} of rows more: row references address
   * {@value #MAX_BLOCKS} blocks; the sort spills before it runs out.
   */
  boolean hasRoomFor(long moreBytes) {
    return (long) blocks.size() * BLOCK_BYTES + moreBytes + 2 * BLOCK_BYTES < (long) MAX_BLOCKS * BLOCK_BYTES;
  }

  /** Appends the rows of a batch (which stays the caller's). */
  void append(Batch batch) {
    append(batch, null, batch.rowCount());
  }

  /**
   * Appends rows {@code selection[0, count)} of a batch (which stays the caller's), or its first
   * {@code count} rows when {@code selection} is null.
   */
  void append(Batch batch, int[] selection, int count) {
    VectorSchemaRoot root = batch.root();
    int columns = kinds.length;
    long[] data = new long[columns];
    long[] validity = new long[columns];
    long[] valueOffsets = new long[columns];
    long[] dataCapacity = new long[columns];
    boolean[] nulls = new boolean[columns];
    for (int c = 0; c < columns; c++) {
      FieldVector vector = root.getVector(c);
      data[c] = vector.getDataBufferAddress();
      validity[c] = vector.getValidityBufferAddress();
      nulls[c] = vector.getNullCount() > 0;
      hasNulls[c] |= nulls[c];
      if (kinds[c] == VARIABLE) {
        valueOffsets[c] = vector.getOffsetBufferAddress();
        dataCapacity[c] = vector.getDataBuffer().capacity();
      }
    }
    long[] slots = new long[Math.min(TILE_ROWS, count)];
    int[] source = new int[slots.length];
    for (int start = 0; start < count; start += TILE_ROWS) {
      int tile = Math.min(TILE_ROWS, count - start);
      for (int i = 0; i < tile; i++) {
        source[i] = selection == null ? start + i : selection[start + i];
      }
      for (int i = 0; i < tile; i++) {
        long size = slotBytes;
        if (anyVariable) {
          for (int c = 0; c < columns; c++) {
            if (kinds[c] == VARIABLE) {
              long at = valueOffsets[c] + 4L * source[i];
              size += MemoryUtil.getInt(at + 4) - MemoryUtil.getInt(at);
            }
          }
        }
        slots[i] = newRow(size);
      }
      appendTile(source, tile, slots, data, validity, valueOffsets, dataCapacity, nulls);
    }
  }

  /** Reserves {@code size} bytes for the next row; returns their address. */
  private long newRow(long size) {
    if (blockEnd - blockAt < size) {
      int block = blocks.size();
      if (block == MAX_BLOCKS) {
        throw new EngineException(ErrorCode.INTERNAL, "ColumnarSort row store is full (" + bytes
            + " bytes); it should have spilled before; this is a bug");
      }
      // a block's rows start below 2^OFFSET_BITS; a row larger than a block gets one of its own
      long usable = Math.max(BLOCK_BYTES - SLACK_BYTES, size);
      ArrowBuf buffer = allocator.buffer(usable + SLACK_BYTES);
      blocks.add(buffer);
      if (block == blockAddresses.length) {
        blockAddresses = Arrays.copyOf(blockAddresses, block * 2);
      }
      blockAddresses[block] = buffer.memoryAddress();
      blockAt = buffer.memoryAddress();
      blockEnd = blockAt + usable;
    }
    if (rows == rowRefs.length) {
      rowRefs = Arrays.copyOf(rowRefs, rows * 2);
    }
    int block = blocks.size() - 1;
    long offset = blockAt - blockAddresses[block];
    if (offset >= BLOCK_BYTES) {
      throw new IllegalStateException("row offset " + offset + " does not fit a row reference; this is a bug");
    }
    rowRefs[rows++] = (block << OFFSET_BITS) | (int) offset;
    long at = blockAt;
    blockAt += size;
    bytes += size;
    return at;
  }

  private void appendTile(int[] source, int tile, long[] slots, long[] data, long[] validity, long[] valueOffsets,
      long[] dataCapacity, boolean[] nulls) {
    if (anyVariable) {
      // first, as a value's copy may run up to 7 bytes into the next row, which is written after
      for (int i = 0; i < tile; i++) {
        long at = slots[i] + slotBytes;
        for (int c = 0; c < kinds.length; c++) {
          if (kinds[c] == VARIABLE) {
            long offsetsAt = valueOffsets[c] + 4L * source[i];
            int from = MemoryUtil.getInt(offsetsAt);
            int length = MemoryUtil.getInt(offsetsAt + 4) - from;
            if (from + length + SLACK_BYTES <= dataCapacity[c]) {
              copyWords(data[c] + from, at, length);
            } else {
              copy(data[c] + from, at, length);
            }
            variableBytesPerColumn[c] += length;
            at += length;
          }
        }
      }
    }
    int nullBytes = offsets.length == 0 ? 0 : offsets[0];
    for (int i = 0; i < tile; i++) {
      MemoryUtil.setMemory(slots[i], nullBytes, (byte) 0);
    }
    for (int c = 0; c < kinds.length; c++) {
      int offset = offsets[c];
      long address = data[c];
      if (narrowDecimals[c]) {
        for (int i = 0; i < tile; i++) {
          long from = address + 16L * source[i];
          long low = MemoryUtil.getLong(from);
          if (MemoryUtil.getLong(from + 8) != (low >> 63) && (!nulls[c] || bit(validity[c], source[i]))) {
            throw new EngineException(ErrorCode.NUMERIC_OVERFLOW, "Column '" + fields.get(c).getName()
                + "' holds a decimal wider than its declared precision at row " + source[i]);
          }
          MemoryUtil.putLong(slots[i] + offset, low);
        }
      } else if (kinds[c] == FIXED) {
        int width = widths[c];
        switch (width) {
          case 8 -> {
            for (int i = 0; i < tile; i++) {
              MemoryUtil.putLong(slots[i] + offset, MemoryUtil.getLong(address + 8L * source[i]));
            }
          }
          case 4 -> {
            for (int i = 0; i < tile; i++) {
              MemoryUtil.putInt(slots[i] + offset, MemoryUtil.getInt(address + 4L * source[i]));
            }
          }
          case 16 -> {
            for (int i = 0; i < tile; i++) {
              long from = address + 16L * source[i];
              MemoryUtil.putLong(slots[i] + offset, MemoryUtil.getLong(from));
              MemoryUtil.putLong(slots[i] + offset + 8, MemoryUtil.getLong(from + 8));
            }
          }
          default -> {
            for (int i = 0; i < tile; i++) {
              MemoryUtil.copyMemory(address + (long) width * source[i], slots[i] + offset, width);
            }
          }
        }
      } else if (kinds[c] == BOOLEAN) {
        for (int i = 0; i < tile; i++) {
          MemoryUtil.putByte(slots[i] + offset, (byte) (bit(address, source[i]) ? 1 : 0));
        }
      } else {
        for (int i = 0; i < tile; i++) {
          long at = valueOffsets[c] + 4L * source[i];
          MemoryUtil.putInt(slots[i] + offset, MemoryUtil.getInt(at + 4) - MemoryUtil.getInt(at));
        }
      }
      if (nulls[c]) {
        int nullByte = c >>> 3;
        byte mask = (byte) (1 << (c & 7));
        for (int i = 0; i < tile; i++) {
          if (!bit(validity[c], source[i])) {
            long at = slots[i] + nullByte;
            MemoryUtil.putByte(at, (byte) (MemoryUtil.getByte(at) | mask));
          }
        }
      }
    }
  }

  /**
   * A new batch (owned by the caller) of rows {@code ids[from, from + count)}, {@code count > 0},
   * in that order.
   */
  Batch gather(int[] ids, int from, int count) {
    long[] slots = new long[count];
    int offsetMask = (1 << OFFSET_BITS) - 1;
    for (int i = 0; i < count; i++) {
      int ref = rowRefs[ids[from + i]];
      slots[i] = blockAddresses[ref >>> OFFSET_BITS] + (ref & offsetMask);
    }
    int columns = kinds.length;
    long[] variableCursor = anyVariable ? new long[count] : null;
    List<FieldVector> vectors = new ArrayList<>(columns);
    try {
      for (int c = 0; c < columns; c++) {
        FieldVector vector = fields.get(c).createVector(allocator);
        vectors.add(vector);
        allocate(c, vector, count);
      }
      for (int start = 0; start < count; start += TILE_ROWS) {
        int tile = Math.min(TILE_ROWS, count - start);
        touch(slots, variableCursor, start, tile);
        for (int c = 0; c < columns; c++) {
          gatherTile(c, vectors.get(c), slots, variableCursor, start, tile);
        }
      }
      for (int c = 0; c < columns; c++) {
        FieldVector vector = vectors.get(c);
        if (vector instanceof BaseVariableWidthVector variable) {
          variable.setLastSet(count - 1);
        }
        vector.setValueCount(count);
      }
    } catch (RuntimeException e) {
      vectors.forEach(FieldVector::close);
      throw e;
    }
    return new Batch(new VectorSchemaRoot(fields, vectors, count));
  }

  /**
   * Pulls the rows of a tile into the cache, in lean loops whose loads the CPU overlaps, and finds
   * where each row's variable-width bytes start.
   */
  private void touch(long[] slots, long[] variableCursor, int start, int tile) {
    long touched = 0;
    int lastByte = slotBytes - 1;
    int end = start + tile;
    for (int i = start; i < end; i++) {
      long slot = slots[i];
      for (int line = 0; line < lastByte; line += 64) {
        touched += MemoryUtil.getByte(slot + line);
      }
      touched += MemoryUtil.getByte(slot + lastByte);
    }
    if (variableCursor != null) {
      for (int i = start; i < end; i++) {
        long slot = slots[i];
        int length = 0;
        for (int c = 0; c < kinds.length; c++) {
          if (kinds[c] == VARIABLE) {
            length += MemoryUtil.getInt(slot + offsets[c]);
          }
        }
        variableCursor[i] = slot + slotBytes;
        if (length > 0) {
          touched += MemoryUtil.getByte(slot + slotBytes + length - 1);
        }
      }
    }
    touchedSum += touched;
  }

  private void allocate(int c, FieldVector vector, int count) {
    if (kinds[c] == VARIABLE) {
      long estimate = rows == 0 ? 0 : (long) Math.ceil((double) variableBytesPerColumn[c] / rows * count * 1.1);
      ((BaseVariableWidthVector) vector).allocateNew(Math.max(64, estimate), count);
      MemoryUtil.putInt(vector.getOffsetBufferAddress(), 0);
    } else {
      ((BaseFixedWidthVector) vector).allocateNew(count);
      if (kinds[c] == BOOLEAN) {
        MemoryUtil.setMemory(vector.getDataBufferAddress(), (count + 7) / 8, (byte) 0);
      }
    }
    long validity = vector.getValidityBufferAddress();
    MemoryUtil.setMemory(validity, count >>> 3, (byte) 0xff);
    if ((count & 7) != 0) {
      MemoryUtil.putByte(validity + (count >>> 3), (byte) ((1 << (count & 7)) - 1));
    }
  }

  private void gatherTile(int c, FieldVector vector, long[] slots, long[] variableCursor, int start, int tile) {
    int offset = offsets[c];
    long target = vector.getDataBufferAddress();
    int end = start + tile;
    if (narrowDecimals[c]) {
      for (int i = start; i < end; i++) {
        long value = MemoryUtil.getLong(slots[i] + offset);
        MemoryUtil.putLong(target + 16L * i, value);
        MemoryUtil.putLong(target + 16L * i + 8, value >> 63);
      }
    } else if (kinds[c] == FIXED) {
      int width = widths[c];
      switch (width) {
        case 8 -> {
          for (int i = start; i < end; i++) {
            MemoryUtil.putLong(target + 8L * i, MemoryUtil.getLong(slots[i] + offset));
          }
        }
        case 4 -> {
          for (int i = start; i < end; i++) {
            MemoryUtil.putInt(target + 4L * i, MemoryUtil.getInt(slots[i] + offset));
          }
        }
        case 16 -> {
          for (int i = start; i < end; i++) {
            MemoryUtil.putLong(target + 16L * i, MemoryUtil.getLong(slots[i] + offset));
            MemoryUtil.putLong(target + 16L * i + 8, MemoryUtil.getLong(slots[i] + offset + 8));
          }
        }
        default -> {
          for (int i = start; i < end; i++) {
            MemoryUtil.copyMemory(slots[i] + offset, target + (long) width * i, width);
          }
        }
      }
    } else if (kinds[c] == BOOLEAN) {
      for (int i = start; i < end; i++) {
        if (MemoryUtil.getByte(slots[i] + offset) != 0) {
          long at = target + (i >>> 3);
          MemoryUtil.putByte(at, (byte) (MemoryUtil.getByte(at) | (1 << (i & 7))));
        }
      }
    } else {
      BaseVariableWidthVector variable = (BaseVariableWidthVector) vector;
      long targetOffsets = variable.getOffsetBufferAddress();
      int position = MemoryUtil.getInt(targetOffsets + 4L * start);
      long needed = position;
      for (int i = start; i < end; i++) {
        needed += MemoryUtil.getInt(slots[i] + offset);
      }
      while (variable.getDataBuffer().capacity() < needed + SLACK_BYTES) {
        variable.reallocDataBuffer();
      }
      target = variable.getDataBufferAddress();
      for (int i = start; i < end; i++) {
        int length = MemoryUtil.getInt(slots[i] + offset);
        copyWords(variableCursor[i], target + position, length);
        variableCursor[i] += length;
        position += length;
        MemoryUtil.putInt(targetOffsets + 4L * (i + 1), position);
      }
    }
    if (hasNulls[c]) {
      long validity = vector.getValidityBufferAddress();
      int nullByte = c >>> 3;
      int mask = 1 << (c & 7);
      for (int i = start; i < end; i++) {
        if ((MemoryUtil.getByte(slots[i] + nullByte) & mask) != 0) {
          long at = validity + (i >>> 3);
          MemoryUtil.putByte(at, (byte) (MemoryUtil.getByte(at) & ~(1 << (i & 7))));
        }
      }
    }
  }

  /**
   * Copies a short run of bytes in whole 8-byte words, so it may read and write up to 7 bytes past
   * both ends: only where both have that much room to spare.
   */
  private static void copyWords(long from, long to, int length) {
    if (length >= 64) {
      MemoryUtil.copyMemory(from, to, length);
      return;
    }
    for (int i = 0; i < length; i += 8) {
      MemoryUtil.putLong(to + i, MemoryUtil.getLong(from + i));
    }
  }

  /** Copies a short run of bytes (a string value) without the set-up cost of a bulk copy. */
  private static void copy(long from, long to, int length) {
    if (length >= 64) {
      MemoryUtil.copyMemory(from, to, length);
      return;
    }
    int i = 0;
    for (; i + 8 <= length; i += 8) {
      MemoryUtil.putLong(to + i, MemoryUtil.getLong(from + i));
    }
    for (; i < length; i++) {
      MemoryUtil.putByte(to + i, MemoryUtil.getByte(from + i));
    }
  }

  private static boolean bit(long address, int index) {
    return (MemoryUtil.getByte(address + (index >>> 3)) & (1 << (index & 7))) != 0;
  }

  /** Frees every block; the store is empty afterwards. */
  @Override
  public void close() {
    blocks.forEach(ArrowBuf::close);
    blocks.clear();
    blockAt = 0;
    blockEnd = 0;
    bytes = 0;
    rows = 0;
    rowRefs = new int[0];
  }
}
