package dev.sluice.executors.transfer;

import static java.util.Objects.requireNonNull;

import dev.sluice.executors.shuffle.ShuffleFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

/**
 * Serves a worker's shuffle files to the executors of other machines, under the prefix {@value
 * #PREFIX}: a name {@code <partition>/<absolute data file path>} streams that reduce partition's
 * byte range of the data file, found through the index file beside it (as {@link
 * dev.sluice.executors.shuffle.LocalShuffleBlocks} reads it locally). Only shuffle data files
 * ({@code shuffle_<shuffle>_<map>_<attempt>.data}) under the root directory are served, after
 * resolving {@code ..} and symbolic links, so a client cannot read anything else.
 */
public final class ShuffleFileSource implements BlobSource {
  public static final String PREFIX = "shuffle";
  private static final Pattern DATA_FILE = Pattern.compile("shuffle_\\d+_\\d+_\\d+\\.data");

  private final Path root;

  /** @param root the directory under which the worker's executors write their shuffle files */
  public ShuffleFileSource(Path root) {
    this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
  }

  /** The name under which {@code partition} of {@code dataFile} is fetched ({@code shuffle/...}). */
  public static String ticket(String dataFile, int partition) {
    return PREFIX + "/" + partition + "/" + dataFile;
  }

  @Override
  public InputStream open(String rest) throws IOException {
    int slash = rest.indexOf('/');
    int partition;
    try {
      partition = slash < 0 ? -1 : Integer.parseInt(rest.substring(0, slash));
    } catch (NumberFormatException e) {
      partition = -1;
    }
    if (partition < 0) {
      throw new IllegalArgumentException("expected <partition>/<data file> but got '" + rest + "'");
    }
    Path data = checked(rest.substring(slash + 1));
    try (FileChannel index = FileChannel.open(ShuffleFiles.indexFile(data), StandardOpenOption.READ)) {
      if (index.size() < (partition + 2L) * Long.BYTES) {
        throw new IllegalArgumentException("partition " + partition + " of " + data + " does not exist: its index has "
            + (index.size() / Long.BYTES - 1) + " partitions");
      }
      ByteBuffer offsets = ByteBuffer.allocate(2 * Long.BYTES);
      readFully(index, offsets, (long) partition * Long.BYTES);
      long from = offsets.getLong(0);
      long to = offsets.getLong(Long.BYTES);
      FileChannel file = FileChannel.open(data, StandardOpenOption.READ);
      if (from < 0 || to < from || to > file.size()) {
        long size = file.size();
        file.close();
        throw new IOException("the index of " + data + " says partition " + partition + " is bytes " + from + ".." + to
            + " but the file has " + size);
      }
      return new RangeInputStream(file, from, to);
    }
  }

  /** The data file, if it is a shuffle data file under the root. */
  private Path checked(String name) throws IOException {
    Path path = Path.of(name);
    if (!path.isAbsolute()) {
      throw new IllegalArgumentException("expected an absolute shuffle data file path but got '" + name + "'");
    }
    Path normalized = path.normalize();
    if (!normalized.startsWith(root) || !DATA_FILE.matcher(normalized.getFileName().toString()).matches()) {
      throw new IllegalArgumentException("refusing to serve '" + name + "': only shuffle data files under " + root
          + " are served");
    }
    Path real;
    try {
      real = normalized.toRealPath();
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(normalized.toString(), null, "no such shuffle data file (lost or cleaned up)");
    }
    if (!real.startsWith(root.toRealPath())) {
      throw new IllegalArgumentException("refusing to serve '" + name + "': it leads out of " + root + " (to " + real
          + ")");
    }
    return real;
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new IOException("unexpected end of file at " + (position + buffer.position()));
      }
    }
  }

  /** Bytes {@code from..to} of a file, read with positional reads; closes the file. */
  private static final class RangeInputStream extends InputStream {
    private final FileChannel file;
    private long position;
    private final long end;

    RangeInputStream(FileChannel file, long from, long to) {
      this.file = file;
      this.position = from;
      this.end = to;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      if (position >= end) {
        return -1;
      }
      int read = file.read(ByteBuffer.wrap(bytes, offset, (int) Math.min(length, end - position)), position);
      if (read < 0) {
        throw new IOException("the shuffle data file ended at " + position + " before the partition's end " + end);
      }
      position += read;
      return read;
    }

    @Override
    public void close() throws IOException {
      file.close();
    }
  }
}
