package dev.sluice.executors.operator;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.plan.physical.TextScanExec;
import dev.sluice.engine.plan.split.FileSplit;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads the lines of its file splits into utf8 batches of up to {@code batchRows} rows, copying
 * line bytes straight into the vector (no String per line). Lines end at {@code \n}; a {@code \r}
 * before it is dropped. A split owns the lines that start inside it: unless it starts at byte 0 it
 * skips up to the first line start at or after its start, and it finishes the line that crosses
 * its end.
 */
public final class TextScanOperator implements Operator {
  private static final int BUFFER_BYTES = 1 << 16;
  private static final Schema SCHEMA = new Schema(
      List.of(new Field("value", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)),
      Map.of("sluice.encoding", "value", "sluice.class", String.class.getName()));

  private final OperatorContext context;
  private final List<FileSplit> splits;
  private final OperatorMetrics metrics = new OperatorMetrics("TextScan");
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
  private byte[] line = new byte[256];
  private int split = -1;
  private FileChannel channel;
  private long position;
  private long end;
  private boolean splitDone = true;

  public TextScanOperator(TextScanExec node, OperatorContext context) {
    this.context = context;
    this.splits = node.splits();
  }

  @Override
  public Batch next() {
    long start = System.nanoTime();
    try {
      while (splitDone) {
        closeChannel();
        if (++split >= splits.size()) {
          return null;
        }
        openSplit(splits.get(split));
      }
      context.checkCancelled();
      VarCharVector vector = new VarCharVector("value", context.allocator());
      try {
        vector.allocateNew((long) context.batchRows() * 32, context.batchRows());
        int rows = 0;
        while (rows < context.batchRows() && !splitDone) {
          int length = readLine();
          if (length < 0) {
            splitDone = true;
          } else {
            vector.setSafe(rows++, line, 0, length);
          }
        }
        vector.setValueCount(rows);
        VectorSchemaRoot root = new VectorSchemaRoot(SCHEMA, List.of(vector), rows);
        metrics.recordOutput(rows);
        return new Batch(root);
      } catch (IOException | RuntimeException e) {
        vector.close();
        throw e;
      }
    } catch (IOException e) {
      throw new EngineException(ErrorCode.INPUT_NOT_FOUND,
          "Cannot read " + splits.get(split).path() + ": " + e.getMessage(), e);
    } finally {
      metrics.addNanos(System.nanoTime() - start);
    }
  }

  private void openSplit(FileSplit fileSplit) throws IOException {
    channel = FileChannel.open(Path.of(fileSplit.path()), StandardOpenOption.READ);
    end = fileSplit.start() + fileSplit.length();
    buffer.clear().flip();
    splitDone = false;
    if (fileSplit.start() == 0) {
      position = 0;
      channel.position(0);
    } else {
      position = fileSplit.start() - 1;
      channel.position(position);
      readLine();
    }
  }

  /**
   * Reads the next line owned by this split into {@link #line}; returns its length without the
   * terminator, or -1 when the split has no more lines.
   */
  private int readLine() throws IOException {
    if (position >= end) {
      return -1;
    }
    int length = 0;
    boolean sawAny = false;
    byte[] bytes = buffer.array();
    while (true) {
      if (!buffer.hasRemaining()) {
        buffer.clear();
        int read = channel.read(buffer);
        buffer.flip();
        if (read <= 0) {
          if (!sawAny) {
            position = Long.MAX_VALUE;
            return -1;
          }
          return trimCarriageReturn(length);
        }
      }
      int from = buffer.position();
      int limit = buffer.limit();
      int newline = from;
      while (newline < limit && bytes[newline] != '\n') {
        newline++;
      }
      int chunk = newline - from;
      if (length + chunk > line.length) {
        line = Arrays.copyOf(line, Math.max(line.length * 2, length + chunk));
      }
      System.arraycopy(bytes, from, line, length, chunk);
      length += chunk;
      sawAny = true;
      if (newline < limit) {
        buffer.position(newline + 1);
        position += chunk + 1;
        return trimCarriageReturn(length);
      }
      buffer.position(limit);
      position += chunk;
    }
  }

  private int trimCarriageReturn(int length) {
    return length > 0 && line[length - 1] == '\r' ? length - 1 : length;
  }

  private void closeChannel() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // closing a read-only file cannot lose data
      }
      channel = null;
    }
  }

  @Override
  public OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    closeChannel();
    split = splits.size();
    splitDone = true;
  }
}
