package dev.sluice.executors.shuffle;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where shuffle files live: one data file and one index file per map task attempt, in the
 * executor's work directory. The data file holds the reduce partitions one after another, each a
 * sequence of Arrow IPC streams (uncompressed; readers decode compressed ones too); the index
 * file holds {@code partitions + 1} big-endian longs, the offsets where each partition starts and the last one ends.
 */
public final class ShuffleFiles {
  private ShuffleFiles() {}

  public static Path dataFile(Path workDirectory, int shuffleId, int mapIndex, int attempt) {
    return workDirectory.resolve("shuffle_" + shuffleId + "_" + mapIndex + "_" + attempt + ".data");
  }

  /** The index file beside a data file. */
  public static Path indexFile(Path dataFile) {
    String name = dataFile.getFileName().toString();
    return dataFile.resolveSibling(name.substring(0, name.length() - ".data".length()) + ".index");
  }

  /**
   * Deletes the data and index files of {@code shuffleId} in {@code workDirectory} (every map task
   * and attempt); returns how many files were deleted. Best effort: a file that cannot be deleted
   * goes with the work directory.
   */
  public static int deleteShuffle(Path workDirectory, int shuffleId) {
    String prefix = "shuffle_" + shuffleId + "_";
    int deleted = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(workDirectory, prefix + "*")) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.endsWith(".data") || name.endsWith(".index")) {
          deleted += Files.deleteIfExists(file) ? 1 : 0;
        }
      }
    } catch (IOException e) {
      // no directory yet, or unreadable: nothing this executor can delete
    }
    return deleted;
  }
}
