package dev.sluice.executors.shuffle;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.batch.BatchCodec;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.plan.physical.ShuffleReadExec;
import dev.sluice.scheduler.protocol.FetchFailedException;
import dev.sluice.scheduler.shuffle.MapOutputRegistry;
import dev.sluice.scheduler.shuffle.MapStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Reads this task's reduce partitions of a shuffle: for each, the matching byte range of every map
 * task's data file (found through the index file), decoded batch by batch. A map output that is
 * not registered, or whose files cannot be read, raises a {@link FetchFailedException} so the
 * scheduler recomputes it. A broadcast read ({@link ShuffleReadExec#broadcast()}) reads partition
 * 0, the only partition of a broadcast map output, whatever partition the task has.
 */
public final class ShuffleReadOperator implements Operator {
  private final ShuffleReadExec node;
  private final OperatorContext context;
  private final MapOutputRegistry mapOutputs;
  private final OperatorMetrics metrics = new OperatorMetrics("ShuffleRead");
  private final Deque<Batch> decoded = new ArrayDeque<>();
  private final List<Integer> partitions;
  private int partitionIndex;
  private int mapIndex;
  private long bytesRead;

  public ShuffleReadOperator(ShuffleReadExec node, OperatorContext context, MapOutputRegistry mapOutputs) {
    this.node = node;
    this.context = context;
    this.mapOutputs = mapOutputs;
    // a broadcast map output has one partition, and every reader reads all of it once
    this.partitions = node.broadcast() ? List.of(0) : node.reducePartitions();
  }

  @Override
  public Batch next() {
    while (decoded.isEmpty() && partitionIndex < partitions.size()) {
      context.checkCancelled();
      long start = System.nanoTime();
      byte[] block = readBlock(partitions.get(partitionIndex), mapIndex);
      if (block.length > 0) {
        decoded.addAll(BatchCodec.decode(block, context.allocator()));
      }
      if (++mapIndex == node.mapPartitions()) {
        mapIndex = 0;
        partitionIndex++;
      }
      metrics.addNanos(System.nanoTime() - start);
    }
    Batch batch = decoded.poll();
    if (batch != null) {
      metrics.recordOutput(batch.rowCount());
    }
    return batch;
  }

  private byte[] readBlock(int partition, int map) {
    MapStatus status = mapOutputs.output(node.shuffleId(), map);
    if (status == null) {
      throw new FetchFailedException(node.shuffleId(), map, null, "no output is registered", null);
    }
    if (status.partitionBytes()[partition] == 0) {
      return new byte[0];
    }
    Path data = Path.of(status.dataFile());
    try (FileChannel index = FileChannel.open(ShuffleFiles.indexFile(data), StandardOpenOption.READ);
        FileChannel file = FileChannel.open(data, StandardOpenOption.READ)) {
      ByteBuffer offsets = ByteBuffer.allocate(2 * Long.BYTES);
      readFully(index, offsets, (long) partition * Long.BYTES);
      long from = offsets.getLong(0);
      long to = offsets.getLong(Long.BYTES);
      if (to - from != status.partitionBytes()[partition] || to > file.size()) {
        throw new IOException("index of " + data + " says partition " + partition + " is bytes " + from + ".." + to
            + " but " + status.partitionBytes()[partition] + " bytes were written and the file has " + file.size());
      }
      ByteBuffer block = ByteBuffer.allocate(Math.toIntExact(to - from));
      readFully(file, block, from);
      bytesRead += block.capacity();
      return block.array();
    } catch (IOException | RuntimeException e) {
      throw new FetchFailedException(node.shuffleId(), map, status, "reading " + data + " failed: " + e, e);
    }
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, position + buffer.position());
      if (read < 0) {
        throw new IOException("unexpected end of file at " + (position + buffer.position()));
      }
    }
  }

  /** Shuffle bytes read so far. */
  public long bytesRead() {
    return bytesRead;
  }

  @Override
  public OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    decoded.forEach(Batch::close);
    decoded.clear();
    partitionIndex = partitions.size();
  }
}
