package dev.sluice.executors.shuffle;

import dev.sluice.scheduler.shuffle.MapStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a reduce partition from the map output's files on this machine: the two offsets of the
 * partition from the index file, then that byte range of the data file, checked against the size
 * the map task reported.
 */
public final class LocalShuffleBlocks implements ShuffleBlocks {
  public static final LocalShuffleBlocks INSTANCE = new LocalShuffleBlocks();

  private LocalShuffleBlocks() {}

  @Override
  public byte[] read(MapStatus status, int partition) throws IOException {
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
      return block.array();
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
}
