package dev.sluice.executors.spill;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.batch.BatchCodec;
import dev.sluice.engine.encoding.Encoders;
import dev.sluice.engine.exec.OperatorContext;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Reads back the rows of a {@link SpillFile} in the order they were written. One batch is read,
 * decoded into objects and freed at a time, so memory stays bounded by one batch of rows however
 * large the file is. Closing the reader closes the file (it does not delete it).
 */
public final class SpillReader implements Iterator<Object>, AutoCloseable {
  private static final Object[] NO_ROWS = new Object[0];

  /** The file read. */
  private final SpillFile file;
  /** Where batches are decoded. */
  private final BufferAllocator allocator;
  /** The open file, or null at its end or once closed. */
  private DataInputStream in;
  /** The rows of the current batch; handed-out slots are cleared. */
  private Object[] rows = NO_ROWS;
  /** The next row of {@link #rows} to hand out. */
  private int position;

  SpillReader(SpillFile file, OperatorContext context) {
    this.file = file;
    this.allocator = context.allocator();
    try {
      this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file.path()), 1 << 16));
    } catch (IOException e) {
      throw file.failure("open", e);
    }
  }

  @Override
  public boolean hasNext() {
    while (position == rows.length && in != null) {
      readBatch();
    }
    return position < rows.length;
  }

  @Override
  public Object next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Object row = rows[position];
    rows[position++] = null;
    return row;
  }

  private void readBatch() {
    rows = NO_ROWS;
    position = 0;
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
      throw file.failure("read", e);
    }
    List<Batch> batches = BatchCodec.decode(stream, allocator);
    try {
      if (batches.size() == 1) {
        rows = decode(batches.get(0));
      } else {
        List<Object> all = new ArrayList<>();
        for (Batch batch : batches) {
          all.addAll(Arrays.asList(decode(batch)));
        }
        rows = all.toArray();
      }
    } finally {
      batches.forEach(Batch::close);
    }
  }

  private static Object[] decode(Batch batch) {
    return Encoders.decoderFor(batch.arrowSchema()).decode(batch);
  }

  @Override
  public void close() {
    if (in != null) {
      try {
        in.close();
      } catch (IOException e) {
        // closing a file only read cannot lose data
      }
      in = null;
    }
  }
}
