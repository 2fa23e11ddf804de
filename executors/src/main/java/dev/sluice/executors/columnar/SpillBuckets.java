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
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The on-disk partitions of an aggregation that outgrew its memory budget: rows are routed by
 * their key hash into {@value #BUCKETS} buckets, so that every group lies in exactly one bucket and
 * the buckets can be aggregated one after another. Each bucket has two spill files of Arrow IPC
 * streams ({@link BatchCodec}, uncompressed): state rows (groups flushed from the table, or the
 * input of a final aggregation) and raw input rows, written in batches of up to
 * {@value #SPILL_BATCH_ROWS} rows (buffered per file). The bucket of a hash depends on the spill
 * level, so a bucket that is still too big splits again one level down.
 */
final class SpillBuckets implements AutoCloseable {
  static final int BUCKET_BITS = 4;
  static final int BUCKETS = 1 << BUCKET_BITS;
  private static final long LEVEL_SALT = 0x632BE59BD9B4E019L;
  private static final String OPERATOR = "ColumnarAggregate";
  /** Rows a bucket buffers before they are written as one batch. */
  private static final int SPILL_BATCH_ROWS = 8192;

  /** A bucket's files, once written; the caller deletes them. */
  record Bucket(int level, SpillFile states, SpillFile raw) {
    void delete() {
      if (states != null) {
        states.delete();
      }
      if (raw != null) {
        raw.delete();
      }
    }
  }

  /** The task's allocator and spill directory. */
  private final OperatorContext context;
  /** The spill level, 0 for the operator's input. */
  private final int level;
  /** State-row files and their streams, per bucket (created on first use). */
  private final SpillFile[] stateFiles = new SpillFile[BUCKETS];
  private final OutputStream[] stateStreams = new OutputStream[BUCKETS];
  /** Raw-row files and their streams, per bucket. */
  private final SpillFile[] rawFiles = new SpillFile[BUCKETS];
  private final OutputStream[] rawStreams = new OutputStream[BUCKETS];
  /** Rows not yet written, per file: state files at {@code bucket}, raw at {@code BUCKETS + bucket}. */
  private final List<List<VectorBatch>> buffered = new ArrayList<>();
  /** How many rows each file has buffered. */
  private final int[] bufferedRows = new int[2 * BUCKETS];
  /** Bytes written. */
  private long bytes;
  /** Whether {@link #finish} handed the files over. */
  private boolean finished;

  SpillBuckets(OperatorContext context, int level) {
    this.context = context;
    this.level = level;
    for (int f = 0; f < 2 * BUCKETS; f++) {
      buffered.add(new ArrayList<>());
    }
  }

  /** The bucket of a row hash at a spill level. */
  static int bucketOf(long hash, int level) {
    return (int) (ColumnHash.fmix64(hash + LEVEL_SALT * (level + 1)) >>> (64 - BUCKET_BITS));
  }

  /**
   * Routes the rows of {@code columns} (each of exactly {@code rows} rows) to their buckets.
   *
   * @param states whether they are state rows (else raw input rows)
   * @param hashes the rows' key hashes
   */
  void add(boolean states, List<ColumnData> columns, long[] hashes, int rows) {
    int[] counts = new int[BUCKETS + 1];
    int[] buckets = new int[rows];
    for (int i = 0; i < rows; i++) {
      buckets[i] = bucketOf(hashes[i], level);
      counts[buckets[i] + 1]++;
    }
    for (int b = 0; b < BUCKETS; b++) {
      counts[b + 1] += counts[b];
    }
    int[] selection = new int[rows];
    int[] next = counts.clone();
    for (int i = 0; i < rows; i++) {
      selection[next[buckets[i]]++] = i;
    }
    List<Field> fields = new ArrayList<>(columns.size());
    for (int c = 0; c < columns.size(); c++) {
      fields.add(new Field("c" + c, columns.get(c).type()));
    }
    VectorBatch all = new VectorBatch(new Schema(fields), columns, rows);
    for (int b = 0; b < BUCKETS; b++) {
      int count = counts[b + 1] - counts[b];
      if (count > 0) {
        int[] part = Arrays.copyOfRange(selection, counts[b], counts[b + 1]);
        int file = states ? b : BUCKETS + b;
        buffered.get(file).add(all.gather(part, count));
        bufferedRows[file] += count;
        if (bufferedRows[file] >= SPILL_BATCH_ROWS) {
          flush(file);
        }
      }
    }
  }

  /** Writes a file's buffered rows as one batch. */
  private void flush(int file) {
    List<VectorBatch> pieces = buffered.get(file);
    if (pieces.isEmpty()) {
      return;
    }
    VectorBatch all = pieces.get(0);
    if (pieces.size() > 1) {
      int rows = bufferedRows[file];
      List<ColumnData> columns = new ArrayList<>(all.columns().size());
      for (int c = 0; c < all.columns().size(); c++) {
        List<ColumnData> parts = new ArrayList<>(pieces.size());
        for (VectorBatch piece : pieces) {
          parts.add(piece.column(c));
        }
        columns.add(ColumnConcat.concat(parts, rows));
      }
      all = new VectorBatch(all.schema(), columns, rows);
    }
    pieces.clear();
    bufferedRows[file] = 0;
    write(file < BUCKETS, file % BUCKETS, all);
  }

  private void write(boolean states, int bucket, VectorBatch part) {
    SpillFile[] files = states ? stateFiles : rawFiles;
    OutputStream[] streams = states ? stateStreams : rawStreams;
    if (files[bucket] == null) {
      files[bucket] = SpillFile.create(context, OPERATOR);
      try {
        streams[bucket] = new BufferedOutputStream(Files.newOutputStream(files[bucket].path()), 1 << 16);
      } catch (IOException e) {
        throw failure(files[bucket], "open", e);
      }
    }
    byte[] encoded;
    try (Batch batch = ArrowColumns.write(part, context.allocator())) {
      encoded = BatchCodec.encode(List.of(batch), context.allocator());
    }
    try {
      streams[bucket].write(encoded);
    } catch (IOException e) {
      throw failure(files[bucket], "write", e);
    }
    bytes += encoded.length;
  }

  /** Bytes written so far. */
  long bytes() {
    return bytes;
  }

  /** Closes the files and hands them over as buckets (those with any rows). */
  List<Bucket> finish() {
    for (int file = 0; file < 2 * BUCKETS; file++) {
      flush(file);
    }
    closeStreams(true);
    List<Bucket> out = new ArrayList<>();
    for (int b = 0; b < BUCKETS; b++) {
      if (stateFiles[b] != null || rawFiles[b] != null) {
        out.add(new Bucket(level, stateFiles[b], rawFiles[b]));
      }
    }
    finished = true;
    return out;
  }

  private void closeStreams(boolean check) {
    for (int b = 0; b < BUCKETS; b++) {
      for (OutputStream[] streams : List.of(stateStreams, rawStreams)) {
        if (streams[b] != null) {
          try {
            streams[b].close();
          } catch (IOException e) {
            if (check) {
              throw failure(streams == stateStreams ? stateFiles[b] : rawFiles[b], "write", e);
            }
          } finally {
            streams[b] = null;
          }
        }
      }
    }
  }

  @Override
  public void close() {
    closeStreams(false);
    if (!finished) {
      for (int b = 0; b < BUCKETS; b++) {
        new Bucket(level, stateFiles[b], rawFiles[b]).delete();
      }
    }
  }

  private EngineException failure(SpillFile file, String action, Exception cause) {
    return new EngineException(ErrorCode.SPILL_FAILED,
        "Task " + context.taskName() + " cannot " + action + " aggregation spill file " + file.path() + ": " + cause,
        cause);
  }

  /** Reads back the batches of one spill file, in order, as columns; closing it closes the file. */
  static final class Reader implements AutoCloseable {
    private final SpillFile file;
    private final OperatorContext context;
    private DataInputStream in;

    Reader(SpillFile file, OperatorContext context) {
      this.file = file;
      this.context = context;
      try {
        this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file.path()), 1 << 16));
      } catch (IOException e) {
        throw new EngineException(ErrorCode.SPILL_FAILED,
            "Task " + context.taskName() + " cannot open aggregation spill file " + file.path() + ": " + e, e);
      }
    }

    /** The next batch's columns, or null at the end. */
    VectorBatch next() {
      if (in == null) {
        return null;
      }
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
        throw new EngineException(ErrorCode.SPILL_FAILED,
            "Task " + context.taskName() + " cannot read aggregation spill file " + file.path() + ": " + e, e);
      }
      List<Batch> batches = BatchCodec.decode(stream, context.allocator());
      try {
        if (batches.size() != 1) {
          throw new IllegalStateException("spill stream of " + batches.size() + " batches in " + file.path());
        }
        return ArrowColumns.read(batches.get(0));
      } finally {
        batches.forEach(Batch::close);
      }
    }

    @Override
    public void close() {
      if (in != null) {
        try {
          in.close();
        } catch (IOException e) {
          // a file only read loses nothing
        }
        in = null;
      }
    }
  }
}
