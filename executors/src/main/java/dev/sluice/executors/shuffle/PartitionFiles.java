package dev.sluice.executors.shuffle;

import dev.sluice.engine.batch.Batch;
import dev.sluice.engine.batch.BatchCodec;
import dev.sluice.engine.exec.OperatorContext;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The encoded blocks of one map task, per reduce partition, and their concatenation into the map
 * output's data file and index ({@link ShuffleFiles}). Batches are encoded as uncompressed Arrow
 * IPC streams ({@link #COMPRESSION}) as they come and kept in memory while all of them fit in
 * {@code memoryBytes}; past that, every partition's blocks go to a temporary file of their own, as
 * do later ones, so a writer then holds at most its own small buffers. {@link #concatenate()}
 * writes the data file (from memory in one pass, or from the temporary files) and the index under
 * temporary names and renames them into place. {@link #deleteTemporaries()} always runs last.
 */
final class PartitionFiles {
  /**
   * Shuffle blocks are not compressed: every executor runs in the driver's process (local mode),
   * so a block only goes through the page cache, and compressing it costs more than it saves.
   * Measured on W6 (SF1 lineitem, ~1 GB shuffled, 2 cores): ZSTD level 3 spent about 3 s of task
   * time per run compressing and 0.7 s decompressing. Readers decode either form.
   */
  static final BatchCodec.Compression COMPRESSION = BatchCodec.Compression.NONE;

  /** Where the files go. */
  private final Path directory;
  /** The map output's data file. */
  private final Path data;
  /** The most bytes of blocks kept in memory. */
  private final long memoryBytes;
  /** Each partition's blocks held in memory, in order (empty once spilled). */
  private final List<List<byte[]>> held;
  /** Bytes in {@link #held}. */
  private long heldBytes;
  /** Whether blocks go to temporary files (once they outgrew memory). */
  private boolean spilled;
  /** Each partition's temporary file, once it has a block. */
  private final Path[] parts;
  /** The open stream of each partition's temporary file. */
  private final OutputStream[] streams;
  /** Bytes written to the temporary files. */
  private long spilledBytes;

  PartitionFiles(Path directory, Path data, int partitions, long memoryBytes) {
    this.directory = directory;
    this.data = data;
    this.memoryBytes = memoryBytes;
    this.held = new ArrayList<>(partitions);
    for (int p = 0; p < partitions; p++) {
      held.add(new ArrayList<>());
    }
    this.parts = new Path[partitions];
    this.streams = new OutputStream[partitions];
  }

  /** Encodes and appends a batch to a partition, and closes the batch. */
  void append(int partition, Batch batch, OperatorContext context) throws IOException {
    byte[] encoded;
    try (batch) {
      encoded = BatchCodec.encode(List.of(batch), context.allocator(), COMPRESSION);
    }
    if (!spilled && heldBytes + encoded.length > memoryBytes) {
      spilled = true;
      for (int p = 0; p < parts.length; p++) {
        for (byte[] block : held.get(p)) {
          writeToFile(p, block);
        }
        held.get(p).clear();
      }
      heldBytes = 0;
    }
    if (spilled) {
      writeToFile(partition, encoded);
    } else {
      held.get(partition).add(encoded);
      heldBytes += encoded.length;
    }
  }

  private void writeToFile(int partition, byte[] block) throws IOException {
    if (streams[partition] == null) {
      Files.createDirectories(directory);
      parts[partition] = Files.createTempFile(directory, data.getFileName() + ".p" + partition + ".", ".tmp");
      streams[partition] = new BufferedOutputStream(Files.newOutputStream(parts[partition]), 1 << 16);
    }
    streams[partition].write(block);
    spilledBytes += block.length;
  }

  /** Bytes that went through temporary files because the blocks outgrew memory (the writer's spill). */
  long spilledBytes() {
    return spilledBytes;
  }

  /** Writes the data and index files from the held blocks or partition files; returns each partition's size. */
  long[] concatenate() throws IOException {
    long[] sizes = new long[parts.length];
    Path dataTemporary = data.resolveSibling(data.getFileName() + ".tmp");
    Path index = ShuffleFiles.indexFile(data);
    Path indexTemporary = index.resolveSibling(index.getFileName() + ".tmp");
    Files.createDirectories(directory);
    try (FileChannel out = FileChannel.open(dataTemporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      for (int p = 0; p < parts.length; p++) {
        if (streams[p] != null) {
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
        for (byte[] block : held.get(p)) {
          ByteBuffer buffer = ByteBuffer.wrap(block);
          while (buffer.hasRemaining()) {
            out.write(buffer);
          }
          sizes[p] += block.length;
        }
        held.get(p).clear();
      }
    }
    heldBytes = 0;
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

  /**
   * Drops the held blocks, closes and deletes the partition files; safe after {@link
   * #concatenate()} and after a failure.
   */
  void deleteTemporaries() {
    held.forEach(List::clear);
    heldBytes = 0;
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
