package dev.sluice.executors.shuffle;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.batch.BatchCodec;
import dev.sluice.engine.encoding.Encoders;
import dev.sluice.engine.encoding.RowBatchWriter;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.Operator;
import dev.sluice.engine.exec.OperatorContext;
import dev.sluice.engine.plan.Origin;
import dev.sluice.engine.plan.physical.Partitioning;
import dev.sluice.executors.operator.RowBatches;
import dev.sluice.executors.operator.UserFunctionException;
import dev.sluice.executors.runtime.TaskContext;
import dev.sluice.executors.sink.ResultSink;
import dev.sluice.scheduler.shuffle.MapStatus;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The root of a shuffle-map task: distributes its input rows over the reduce partitions and writes
 * them as ZSTD-compressed Arrow IPC (zstd-jni; Arrow Java's LZ4 codec, pure-Java commons-compress,
 * was measured at several seconds per MiB of word-count shuffle data), one temporary file per reduce partition while rows arrive (so
 * memory stays at one small batch per partition), then concatenates those into the map output's
 * data file and writes its index. Both appear atomically (written under temporary names, then
 * renamed), and the output is reported as a {@link MapStatus}.
 */
public final class ShuffleWriteSink implements ResultSink {
  private static final Origin ORIGIN = new Origin("shuffle key", "user function");
  private static final int BUFFERED_ROWS_PER_TASK = 1 << 18;

  private final Partitioning partitioning;
  private final TaskContext task;
  private final int shuffleId;
  private long rows;
  private MapStatus status;

  public ShuffleWriteSink(int shuffleId, Partitioning partitioning, TaskContext task) {
    this.shuffleId = shuffleId;
    this.partitioning = partitioning;
    this.task = task;
  }

  /** Where the output went, once {@link #drain} returned. */
  public MapStatus mapStatus() {
    return status;
  }

  @Override
  public byte[] drain(Operator input, OperatorContext context) {
    int partitions = partitioning.partitions();
    int mapIndex = task.key().partition();
    Path directory = task.executor().workDirectory();
    Path data = ShuffleFiles.dataFile(directory, shuffleId, mapIndex, task.attempt());
    PartitionFiles files = new PartitionFiles(directory, data, partitions);
    int rowsPerPartition = Math.max(64, Math.min(context.batchRows(), BUFFERED_ROWS_PER_TASK / partitions));
    RowBatchWriter[] writers = new RowBatchWriter[partitions];
    try {
      int roundRobin = Math.floorMod(Integer.hashCode(mapIndex) * 0x9E3779B9, partitions);
      for (Object[] batchRows = RowBatches.next(input, context); batchRows != null;
          batchRows = RowBatches.next(input, context)) {
        for (Object row : batchRows) {
          int partition;
          if (partitioning instanceof Partitioning.Hash hash) {
            partition = hash.partitionOf(UserFunctionException.call(ORIGIN, () -> hash.key().call(row)));
          } else if (partitioning instanceof Partitioning.Range range) {
            partition = range.partitionOf(UserFunctionException.call(ORIGIN, () -> range.key().call(row)));
          } else if (partitioning instanceof Partitioning.RoundRobin) {
            partition = roundRobin;
            roundRobin = roundRobin + 1 == partitions ? 0 : roundRobin + 1;
          } else {
            partition = 0;
          }
          if (writers[partition] == null) {
            writers[partition] = new RowBatchWriter(null, rowsPerPartition, context.allocator());
          }
          if (writers[partition].add(row)) {
            files.append(partition, writers[partition].flush(), context);
          }
          rows++;
        }
      }
      for (int p = 0; p < partitions; p++) {
        if (writers[p] != null && !writers[p].isEmpty()) {
          files.append(p, writers[p].flush(), context);
        }
      }
      long[] sizes = files.concatenate();
      status = new MapStatus(task.executor().executorId(), data.toString(), sizes);
      return new byte[0];
    } catch (IOException e) {
      throw new EngineException(ErrorCode.SPILL_FAILED, "Cannot write shuffle " + shuffleId + " output of map task "
          + mapIndex + " to " + data + ": " + e.getMessage(), e);
    } finally {
      for (RowBatchWriter writer : writers) {
        if (writer != null) {
          Batch pending = writer.flush();
          if (pending != null) {
            pending.close();
          }
        }
      }
      files.deleteTemporaries();
    }
  }

  @Override
  public long rows() {
    return rows;
  }

  /** The per-partition temporary files of one map task, and their concatenation. */
  private static final class PartitionFiles {
    private final Path directory;
    private final Path data;
    private final Path[] parts;
    private final OutputStream[] streams;

    PartitionFiles(Path directory, Path data, int partitions) {
      this.directory = directory;
      this.data = data;
      this.parts = new Path[partitions];
      this.streams = new OutputStream[partitions];
    }

    void append(int partition, Batch batch, OperatorContext context) throws IOException {
      byte[] encoded;
      try (batch) {
        encoded = BatchCodec.encode(List.of(batch), context.allocator(), BatchCodec.Compression.ZSTD);
      }
      if (streams[partition] == null) {
        Files.createDirectories(directory);
        parts[partition] = Files.createTempFile(directory, data.getFileName() + ".p" + partition + ".", ".tmp");
        streams[partition] = new java.io.BufferedOutputStream(Files.newOutputStream(parts[partition]), 1 << 16);
      }
      streams[partition].write(encoded);
    }

    /** Writes the data and index files from the partition files; returns each partition's size. */
    long[] concatenate() throws IOException {
      long[] sizes = new long[parts.length];
      Path dataTemporary = data.resolveSibling(data.getFileName() + ".tmp");
      Path index = ShuffleFiles.indexFile(data);
      Path indexTemporary = index.resolveSibling(index.getFileName() + ".tmp");
      Files.createDirectories(directory);
      try (FileChannel out = FileChannel.open(dataTemporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        for (int p = 0; p < parts.length; p++) {
          if (streams[p] == null) {
            continue;
          }
          streams[p].close();
          streams[p] = null;
          try (FileChannel in = FileChannel.open(parts[p], StandardOpenOption.READ)) {
            long size = in.size();
            long copied = 0;
            while (copied < size) {
              copied += in.transferTo(copied, size - copied, out);
            }
            sizes[p] = size;
          }
        }
      }
      try (DataOutputStream indexOut = new DataOutputStream(Files.newOutputStream(indexTemporary))) {
        long offset = 0;
        indexOut.writeLong(offset);
        for (long size : sizes) {
          offset += size;
          indexOut.writeLong(offset);
        }
      }
      Files.move(indexTemporary, index, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Files.move(dataTemporary, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return sizes;
    }

    void deleteTemporaries() {
      for (int p = 0; p < parts.length; p++) {
        try {
          if (streams[p] != null) {
            streams[p].close();
          }
          if (parts[p] != null) {
            Files.deleteIfExists(parts[p]);
          }
        } catch (IOException e) {
          // the work directory goes with the session
        }
      }
    }
  }
}
