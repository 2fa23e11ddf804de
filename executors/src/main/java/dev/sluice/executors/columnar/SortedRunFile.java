package dev.sluice.executors.columnar;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.batch.BatchCodec;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.executors.spill.SpillFile;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.List;

/**
 * A sorted run of the columnar sort on disk: its batches as length-prefixed, uncompressed Arrow
 * IPC streams ({@link BatchCodec}) in a {@link SpillFile}, written once and read back one batch at
 * a time. The sort deletes it when done.
 */
final class SortedRunFile {
  /** The file. */
  private final SpillFile file;
  /** The task's allocator, name and spill directory. */
  private final OperatorContext context;
  /** Rows written. */
  private long rows;

  private SortedRunFile(SpillFile file, OperatorContext context) {
    this.file = file;
    this.context = context;
  }

  static SortedRunFile create(OperatorContext context) {
    return new SortedRunFile(SpillFile.create(context, "ColumnarSort"), context);
  }

  long rows() {
    return rows;
  }

  /** Opens the file for writing; the caller closes the writer. */
  Writer writer() {
    try {
      return new Writer(new BufferedOutputStream(Files.newOutputStream(file.path()), 1 << 16));
    } catch (IOException e) {
      throw failure("open", e);
    }
  }

  /** Reads the batches back in the order written; the caller closes the reader. */
  SortedBatches reader() {
    try {
      return new Reader(new DataInputStream(new BufferedInputStream(Files.newInputStream(file.path()), 1 << 16)));
    } catch (IOException e) {
      throw failure("open", e);
    }
  }

  void delete() {
    file.delete();
  }

  private EngineException failure(String action, IOException cause) {
    return new EngineException(ErrorCode.SPILL_FAILED, "Task " + context.taskName() + ": ColumnarSort cannot "
        + action + " spill file " + file.path() + ": " + cause, cause);
  }

  /** Appends batches to the run. */
  final class Writer implements AutoCloseable {
    /** The open file, or null once closed. */
    private OutputStream out;
    /** Bytes written. */
    private long bytes;

    private Writer(OutputStream out) {
      this.out = out;
    }

    /** Appends a batch, which stays the caller's. */
    void write(Batch batch) {
      byte[] encoded = BatchCodec.encode(List.of(batch), context.allocator());
      try {
        out.write(encoded);
      } catch (IOException e) {
        throw failure("write", e);
      }
      bytes += encoded.length;
      rows += batch.rowCount();
    }

    long bytes() {
      return bytes;
    }

    @Override
    public void close() {
      if (out != null) {
        try {
          out.close();
        } catch (IOException e) {
          throw failure("write", e);
        } finally {
          out = null;
        }
      }
    }
  }

  /** Reads the run's batches. */
  private final class Reader implements SortedBatches {
    /** The open file, or null at its end or once closed. */
    private DataInputStream in;

    private Reader(DataInputStream in) {
      this.in = in;
    }

    @Override
    public Batch next() {
      while (in != null) {
        byte[] stream;
        try {
          int length;
          try {
            length = in.readInt();
          } catch (EOFException e) {
            close();
            return null;
          }
          stream = new byte[length + 4];
          stream[0] = (byte) (length >>> 24);
          stream[1] = (byte) (length >>> 16);
          stream[2] = (byte) (length >>> 8);
          stream[3] = (byte) length;
          in.readFully(stream, 4, length);
        } catch (IOException e) {
          throw failure("read", e);
        }
        List<Batch> batches = BatchCodec.decode(stream, context.allocator());
        if (batches.size() != 1) {
          batches.forEach(Batch::close);
          throw new EngineException(ErrorCode.INTERNAL, "Spill file " + file.path() + " holds a stream of "
              + batches.size() + " batches where one was written; this is a bug");
        }
        return batches.get(0);
      }
      return null;
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
}
