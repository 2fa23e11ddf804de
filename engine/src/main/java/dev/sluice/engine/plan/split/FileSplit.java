package dev.sluice.engine.plan.split;

import static java.util.Objects.requireNonNull;

/**
 * A byte range of a text file. The reader of a split owns the lines that start inside
 * {@code [start, start + length)}: it skips a partial first line (unless {@code start} is 0) and
 * reads past the end to finish its last line, as Hadoop's line reader does.
 *
 * @param path the file
 * @param start the first byte
 * @param length how many bytes
 */
public record FileSplit(String path, long start, long length) implements Split {
  public FileSplit {
    requireNonNull(path, "path is null");
    if (start < 0 || length < 0) {
      throw new IllegalArgumentException("start and length must be non-negative, got " + start + ", " + length);
    }
  }

  @Override
  public String describe() {
    return path + "[" + start + "+" + length + "]";
  }
}
