package dev.sluice.executors.source;

import dev.sluice.engine.plan.split.FileSplit;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The lines a {@link FileSplit} owns, handed out in place: after {@link #next()} the current line
 * is {@code array()[lineStart() .. lineEnd())}, without its {@code \n} and without a {@code \r}
 * before it, valid until the next call. No copy and no object per line.
 *
 * <p>Ownership, as Hadoop's line reader: a split owns the lines that START inside
 * {@code [start, start + length)}. Unless it starts at byte 0 it skips to the first line start at
 * or after {@code start} (if byte {@code start - 1} is a {@code \n}, the line at {@code start} is
 * its own), and it reads past its end to finish the line that crosses it. So the splits of a file,
 * however it is cut, hand out each line exactly once.
 *
 * <p>Line numbers (1-based, counted in the whole file) are exact for any split: the newlines
 * before the split are counted only when a number is asked for (an error message), by reading the
 * file up to the split once.
 */
public final class SplitLineReader implements Closeable {
  private static final int DEFAULT_BUFFER_BYTES = 1 << 20;
  private static final long NEWLINE = ByteScan.pattern((byte) '\n');

  private final Path path;
  private final FileChannel channel;
  private final long end;
  private byte[] buffer;
  /** File offset of {@code buffer[0]}. */
  private long bufferOffset;
  private int position;
  private int limit;
  private boolean endOfFile;
  private int lineStart;
  private int lineEnd;
  /** File offset of the first line this split owns. */
  private long firstLineOffset;
  /** Lines handed out so far. */
  private long linesRead;
  /** Line number of the first owned line, or 0 while not counted yet. */
  private long firstLineNumber;

  /** Opens the split's file; the caller closes the reader. */
  public SplitLineReader(FileSplit split) throws IOException {
    this(split, DEFAULT_BUFFER_BYTES);
  }

  SplitLineReader(FileSplit split, int bufferBytes) throws IOException {
    this.path = Path.of(split.path());
    this.end = split.start() + split.length();
    this.channel = FileChannel.open(path, StandardOpenOption.READ);
    try {
      long rest = channel.size() - split.start() + 2;
      this.buffer = new byte[(int) Math.max(16, Math.min(bufferBytes, rest))];
      if (split.start() == 0) {
        bufferOffset = 0;
      } else {
        bufferOffset = split.start() - 1;
        channel.position(bufferOffset);
        int newline = findLineEnd();
        position = newline < 0 ? limit : after(newline);
      }
      firstLineOffset = bufferOffset + position;
      if (split.start() == 0) {
        firstLineNumber = 1;
      }
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** Whether the split starts at the beginning of its file (its first line is the file's first). */
  public boolean atFileStart() {
    return firstLineOffset == 0;
  }

  /** Moves to the next owned line; false when the split has no more. */
  public boolean next() throws IOException {
    if (bufferOffset + position >= end) {
      return false;
    }
    int newline = findLineEnd();
    if (newline < 0) {
      return false;
    }
    lineStart = position;
    lineEnd = newline;
    position = after(newline);
    if (lineEnd > lineStart && buffer[lineEnd - 1] == '\r') {
      lineEnd--;
    }
    linesRead++;
    return true;
  }

  /**
   * Finds the end of the line starting at {@link #position}, refilling the buffer as needed (which
   * may move the line to the buffer's front). Returns the index of its {@code \n}, or of the end of
   * the data if the file ends without one, or -1 at the end of the file.
   */
  private int findLineEnd() throws IOException {
    int from = position;
    while (true) {
      int newline = ByteScan.indexOf(buffer, from, limit, NEWLINE);
      if (newline < limit) {
        return newline;
      }
      if (endOfFile) {
        return position < limit ? limit : -1;
      }
      int scanned = limit - position;
      refill();
      from = position + scanned;
    }
  }

  /** Where the next line starts, given a line end from {@link #findLineEnd()}. */
  private int after(int newline) {
    return newline < limit ? newline + 1 : limit;
  }

  /** Moves the unread bytes to the buffer's front (growing it if they fill it) and reads more. */
  private void refill() throws IOException {
    int unread = limit - position;
    if (position > 0) {
      System.arraycopy(buffer, position, buffer, 0, unread);
      bufferOffset += position;
      position = 0;
      limit = unread;
    }
    if (limit == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    ByteBuffer target = ByteBuffer.wrap(buffer, limit, buffer.length - limit);
    int read = channel.read(target);
    if (read < 0) {
      endOfFile = true;
    } else {
      limit += read;
    }
  }

  /** The bytes holding the current line (the reader's buffer; do not modify). */
  public byte[] array() {
    return buffer;
  }

  public int lineStart() {
    return lineStart;
  }

  /** End of the current line, exclusive, without {@code \r\n} or {@code \n}. */
  public int lineEnd() {
    return lineEnd;
  }

  public int lineLength() {
    return lineEnd - lineStart;
  }

  /** The file's path, for messages. */
  public Path path() {
    return path;
  }

  /** The 1-based number of the current line in its file (reads the file before the split once). */
  public long lineNumber() throws IOException {
    if (firstLineNumber == 0) {
      firstLineNumber = 1 + countNewlines(firstLineOffset);
    }
    return firstLineNumber + linesRead - 1;
  }

  private long countNewlines(long upTo) throws IOException {
    long count = 0;
    ByteBuffer chunk = ByteBuffer.allocate(1 << 16);
    byte[] bytes = chunk.array();
    long offset = 0;
    while (offset < upTo) {
      chunk.clear();
      chunk.limit((int) Math.min(chunk.capacity(), upTo - offset));
      int read = channel.read(chunk, offset);
      if (read <= 0) {
        break;
      }
      for (int i = 0; i < read; i++) {
        if (bytes[i] == '\n') {
          count++;
        }
      }
      offset += read;
    }
    return count;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
