package dev.sluice.executors.columnar;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.batch.BatchCodec;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.types.Field;
import dev.sluice.engine.types.Schema;
import dev.sluice.engine.vector.ArrowColumns;
import dev.sluice.engine.vector.ColumnData;
import dev.sluice.engine.vector.ColumnHash;
import dev.sluice.engine.vector.VectorBatch;
import dev.sluice.executors.spill.SpillFile;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One side of a grace hash join on disk: its rows distributed by key hash over
 * {@value #PARTITIONS} partition files, so that partition {@code i} of the build side only ever
 * matches partition {@code i} of the probe side. The partition is taken from the high bits of a
 * remix of the row hash, independent of both the shuffle's partition (hash modulo the partition
 * count) and the join table's slots (its high bits).
 *
 * <p>Rows are buffered per partition in {@link ColumnBuilder}s and written as Arrow IPC streams
 * ({@link BatchCodec}, length-prefixed) of at most {@code batchRows} rows or {@code flushBytes}
 * bytes; the buffers together hold about {@value #PARTITIONS} × {@code flushBytes}. A file is read
 * back batch by batch, as often as needed. {@link #close()} deletes the files.
 */
final class JoinSpill implements AutoCloseable {
  static final int PARTITIONS = 32;
  private static final int PARTITION_BITS = 5;
  private static final long SALT = 0x2545F4914F6CDD1DL;

  private final OperatorContext context;
  private final String name;
  /** Whether rows with a null key are kept (outer and anti joins output them). */
  private final boolean keepNullKeys;
  private final long flushBytes;
  private final SpillFile[] files = new SpillFile[PARTITIONS];
  private final OutputStream[] outputs = new OutputStream[PARTITIONS];
  private final ColumnBuilder[][] buffers = new ColumnBuilder[PARTITIONS][];
  private final long[] rows = new long[PARTITIONS];
  private final List<BatchSource> readers = new ArrayList<>();
  private Schema schema;
  private long bytesWritten;

  JoinSpill(OperatorContext context, String name, boolean keepNullKeys) {
    this.context = context;
    this.name = name;
    this.keepNullKeys = keepNullKeys;
    this.flushBytes = Math.max(32 << 10, Math.min(4 << 20, context.memoryBudgetBytes() / (2 * PARTITIONS)));
  }

  /** The partition of a row hash. */
  static int partition(long hash) {
    return (int) (ColumnHash.fmix64(hash ^ SALT) >>> (64 - PARTITION_BITS));
  }

  /** Distributes the rows of a batch by their key hashes; a row with a null key is dropped unless kept. */
  void add(VectorBatch batch, long[] hashes, boolean[] nullKeys) {
    if (schema == null) {
      schema = batch.schema();
    }
    int count = batch.rowCount();
    int[] partitionOf = new int[count];
    int[] starts = new int[PARTITIONS + 1];
    for (int i = 0; i < count; i++) {
      boolean dropped = !keepNullKeys && nullKeys != null && nullKeys[i];
      int partition = dropped ? -1 : partition(hashes[i]);
      partitionOf[i] = partition;
      if (partition >= 0) {
        starts[partition + 1]++;
      }
    }
    for (int p = 0; p < PARTITIONS; p++) {
      starts[p + 1] += starts[p];
    }
    int[] selection = new int[starts[PARTITIONS]];
    int[] fill = starts.clone();
    for (int i = 0; i < count; i++) {
      if (partitionOf[i] >= 0) {
        selection[fill[partitionOf[i]]++] = i;
      }
    }
    for (int p = 0; p < PARTITIONS; p++) {
      int from = starts[p];
      int length = starts[p + 1] - from;
      if (length == 0) {
        continue;
      }
      int[] rowsOfPartition = from == 0 ? selection : java.util.Arrays.copyOfRange(selection, from, from + length);
      ColumnBuilder[] buffer = buffer(p);
      for (int c = 0; c < buffer.length; c++) {
        buffer[c].append(batch.column(c), rowsOfPartition, length);
      }
      rows[p] += length;
      if (buffer.length == 0 || buffer[0].size() >= context.batchRows() || sizeOf(buffer) >= flushBytes) {
        flush(p);
      }
    }
  }

  private ColumnBuilder[] buffer(int partition) {
    if (buffers[partition] == null) {
      List<Field> fields = schema.fields();
      ColumnBuilder[] buffer = new ColumnBuilder[fields.size()];
      for (int c = 0; c < buffer.length; c++) {
        buffer[c] = new ColumnBuilder(fields.get(c).type());
      }
      buffers[partition] = buffer;
    }
    return buffers[partition];
  }

  private static long sizeOf(ColumnBuilder[] buffer) {
    long total = 0;
    for (ColumnBuilder column : buffer) {
      total += column.sizeInBytes();
    }
    return total;
  }

  private void flush(int partition) {
    ColumnBuilder[] buffer = buffers[partition];
    int count = buffer == null || buffer.length == 0 ? 0 : buffer[0].size();
    if (count == 0) {
      return;
    }
    List<ColumnData> columns = new ArrayList<>(buffer.length);
    for (ColumnBuilder column : buffer) {
      columns.add(column.build());
    }
    byte[] encoded;
    try (Batch batch = ArrowColumns.write(new VectorBatch(schema, columns, count), context.allocator())) {
      encoded = BatchCodec.encode(List.of(batch), context.allocator());
    }
    for (ColumnBuilder column : buffer) {
      column.reset();
    }
    if (files[partition] == null) {
      files[partition] = SpillFile.create(context, name + "-" + partition);
      try {
        outputs[partition] = Files.newOutputStream(files[partition].path());
      } catch (IOException e) {
        throw failure("open", files[partition], e);
      }
    }
    try {
      outputs[partition].write(encoded);
    } catch (IOException e) {
      throw failure("write", files[partition], e);
    }
    bytesWritten += encoded.length;
  }

  /** Writes what is buffered and closes the files for writing. */
  void finish() {
    for (int p = 0; p < PARTITIONS; p++) {
      flush(p);
      buffers[p] = null;
      closeOutput(p);
    }
  }

  private void closeOutput(int partition) {
    if (outputs[partition] != null) {
      try {
        outputs[partition].close();
      } catch (IOException e) {
        throw failure("write", files[partition], e);
      } finally {
        outputs[partition] = null;
      }
    }
  }

  /** Rows written to a partition. */
  long rows(int partition) {
    return rows[partition];
  }

  long bytesWritten() {
    return bytesWritten;
  }

  /** A new reader of a partition's rows, in the order written (after {@link #finish()}). */
  BatchSource open(int partition) {
    BatchSource reader = files[partition] == null ? new EmptySource() : new Reader(files[partition]);
    readers.add(reader);
    return reader;
  }

  /** Deletes one partition's file once it was joined. */
  void delete(int partition) {
    if (files[partition] != null) {
      files[partition].delete();
    }
  }

  @Override
  public void close() {
    readers.forEach(BatchSource::close);
    readers.clear();
    for (int p = 0; p < PARTITIONS; p++) {
      buffers[p] = null;
      if (outputs[p] != null) {
        try {
          outputs[p].close();
        } catch (IOException e) {
          // the file is deleted next
        }
        outputs[p] = null;
      }
      if (files[p] != null) {
        files[p].delete();
      }
    }
  }

  private EngineException failure(String action, SpillFile file, Exception cause) {
    return new EngineException(ErrorCode.SPILL_FAILED, "Task " + context.taskName() + ": HashJoin cannot " + action
        + " spill file " + file.path() + ": " + cause, cause);
  }

  private static final class EmptySource implements BatchSource {
    @Override
    public VectorBatch next() {
      return null;
    }

    @Override
    public void close() {}
  }

  /** Reads a partition file one IPC stream at a time. */
  private final class Reader implements BatchSource {
    private final SpillFile file;
    private final ArrayDeque<VectorBatch> decoded = new ArrayDeque<>();
    private DataInputStream in;

    Reader(SpillFile file) {
      this.file = file;
      try {
        this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file.path()), 1 << 16));
      } catch (IOException e) {
        throw failure("open", file, e);
      }
    }

    @Override
    public VectorBatch next() {
      while (decoded.isEmpty() && in != null) {
        readStream();
      }
      return decoded.poll();
    }

    private void readStream() {
      byte[] stream;
      try {
        int length;
        try {
          length = in.readInt();
        } catch (EOFException e) {
          close();
          return;
        }
        stream = new byte[length + 4];
        stream[0] = (byte) (length >>> 24);
        stream[1] = (byte) (length >>> 16);
        stream[2] = (byte) (length >>> 8);
        stream[3] = (byte) length;
        in.readFully(stream, 4, length);
      } catch (IOException e) {
        throw failure("read", file, e);
      }
      List<Batch> batches = BatchCodec.decode(stream, context.allocator());
      try {
        for (Batch batch : batches) {
          if (batch.rowCount() > 0) {
            decoded.add(ArrowColumns.read(batch));
          }
        }
      } finally {
        batches.forEach(Batch::close);
      }
    }

    @Override
    public void close() {
      decoded.clear();
      if (in != null) {
        try {
          in.close();
        } catch (IOException e) {
          // a file only read cannot lose data
        }
        in = null;
      }
    }
  }
}
