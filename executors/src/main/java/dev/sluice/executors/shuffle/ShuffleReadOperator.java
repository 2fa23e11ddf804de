package dev.sluice.executors.shuffle;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.batch.BatchCodec;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.exec.OperatorMetrics;
import dev.sluice.engine.plan.physical.ShuffleReadExec;
import dev.sluice.scheduler.protocol.FetchFailedException;
import dev.sluice.scheduler.shuffle.MapOutputLookup;
import dev.sluice.scheduler.shuffle.MapStatus;
import java.io.IOException;
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
  private final MapOutputLookup mapOutputs;
  private final ShuffleBlocks blocks;
  private MapStatus[] outputs;
  private final OperatorMetrics metrics = new OperatorMetrics("ShuffleRead");
  private final Deque<Batch> decoded = new ArrayDeque<>();
  private final List<Integer> partitions;
  private int partitionIndex;
  private int mapIndex;
  private long bytesRead;

  public ShuffleReadOperator(ShuffleReadExec node, OperatorContext context, MapOutputLookup mapOutputs,
      ShuffleBlocks blocks) {
    this.node = node;
    this.context = context;
    this.mapOutputs = mapOutputs;
    this.blocks = blocks;
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
    if (outputs == null) {
      outputs = mapOutputs.outputs(node.shuffleId());
    }
    MapStatus status = map < outputs.length ? outputs[map] : null;
    if (status == null) {
      throw new FetchFailedException(node.shuffleId(), map, null, "no output is registered", null);
    }
    try {
      byte[] block = blocks.read(status, partition);
      bytesRead += block.length;
      return block;
    } catch (IOException | RuntimeException e) {
      throw new FetchFailedException(node.shuffleId(), map, status, "reading " + status.dataFile()
          + (status.location() == null ? "" : " from " + status.location()) + " failed: " + e, e);
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
