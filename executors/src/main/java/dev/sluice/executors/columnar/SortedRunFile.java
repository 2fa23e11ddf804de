package dev.sluice.executors.columnar;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.executors.spill.SpillFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

/**
 * A sorted run of the columnar sort on disk: one uncompressed Arrow IPC stream in a {@link
 * SpillFile}, written straight from the batches' buffers to the file channel, and read back one
 * batch at a time. The sort deletes it when done.
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
      return new Writer(FileChannel.open(file.path(), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
    } catch (IOException e) {
      throw failure("open", e);
    }
  }

  /** Reads the batches back in the order written; the caller closes the reader. */
  SortedBatches reader() {
    try {
      return new Reader(FileChannel.open(file.path(), StandardOpenOption.READ));
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

  /** Appends batches (all of one schema) to the run. */
  final class Writer implements AutoCloseable {
    /** The file, open until closed. */
    private final FileChannel channel;
    /** The root the stream writer writes from, created with the first batch, or null. */
    private VectorSchemaRoot staging;
    /** Writes the stream; null until the first batch. */
    private ArrowStreamWriter stream;

    private Writer(FileChannel channel) {
      this.channel = channel;
    }

    /** Appends a batch, which stays the caller's. */
    void write(Batch batch) {
      try {
        if (stream == null) {
          staging = VectorSchemaRoot.create(batch.arrowSchema(), context.allocator());
          stream = new ArrowStreamWriter(staging, null, channel);
          stream.start();
        }
        try (ArrowRecordBatch records = new VectorUnloader(batch.root()).getRecordBatch()) {
          new VectorLoader(staging).load(records);
          stream.writeBatch();
        }
      } catch (IOException e) {
        throw failure("write", e);
      }
      rows += batch.rowCount();
    }

    /** Bytes written so far. */
    long bytes() {
      try {
        return channel.isOpen() ? channel.position() : file.sizeInBytes();
      } catch (IOException e) {
        return 0;
      }
    }

    @Override
    public void close() {
      try {
        if (stream != null) {
          stream.end();
          stream.close();
        }
        channel.close();
      } catch (IOException e) {
        throw failure("write", e);
      } finally {
        if (staging != null) {
          staging.close();
          staging = null;
        }
      }
    }
  }

  /** Reads the run's batches. */
  private final class Reader implements SortedBatches {
    /** The open file, or null once closed. */
    private FileChannel channel;
    /** Reads the stream; null before the first call or once closed. */
    private ArrowStreamReader stream;

    private Reader(FileChannel channel) {
      this.channel = channel;
    }

    @Override
    public Batch next() {
      if (channel == null) {
        return null;
      }
      try {
        if (stream == null) {
          if (channel.size() == 0) {
            close();
            return null;
          }
          stream = new ArrowStreamReader(channel, context.allocator());
        }
        if (!stream.loadNextBatch()) {
          close();
          return null;
        }
        VectorSchemaRoot source = stream.getVectorSchemaRoot();
        VectorSchemaRoot copy = VectorSchemaRoot.create(source.getSchema(), context.allocator());
        for (int c = 0; c < source.getFieldVectors().size(); c++) {
          source.getVector(c).makeTransferPair(copy.getVector(c)).transfer();
        }
        copy.setRowCount(source.getRowCount());
        return new Batch(copy);
      } catch (IOException e) {
        throw failure("read", e);
      }
    }

    @Override
    public void close() {
      try {
        if (stream != null) {
          stream.close();
        } else if (channel != null) {
          channel.close();
        }
      } catch (IOException e) {
        // closing a file only read cannot lose data
      } finally {
        stream = null;
        channel = null;
      }
    }
  }
}
