package dev.sluice.executors.sink;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files one task attempt writes into the job's staging directory: names them
 * {@code part-<partition>-<attempt>-c<n>.<ext>} (unique across attempts, so a failed attempt's
 * leftovers never collide with its retry), creates partition directories, and remembers the
 * relative paths to answer the driver with.
 *
 * <p>Directories are created one level at a time below the staging directory, never the staging
 * directory itself: once the driver deleted it (a failed job), a straggling task fails instead of
 * recreating it.
 */
final class StagingFiles {
  private final Path staging;
  private final int partition;
  private final int attempt;
  private final String extension;
  private final List<String> written = new ArrayList<>();

  StagingFiles(Path staging, int partition, int attempt, String extension) {
    this.staging = staging;
    this.partition = partition;
    this.attempt = attempt;
    this.extension = extension;
  }

  /**
   * A new file in the relative directory {@code directory} ({@code ""} for the top), its
   * directories created; the file itself is not created.
   */
  Path newFile(String directory) {
    String name = String.format("part-%05d-%d-c%03d.%s", partition, attempt, written.size(), extension);
    String relative = directory.isEmpty() ? name : directory + "/" + name;
    Path file = staging.resolve(relative);
    createDirectories(file.getParent());
    written.add(relative);
    return file;
  }

  /** The relative paths of every file handed out, in order. */
  List<String> written() {
    return written;
  }

  private void createDirectories(Path directory) {
    if (directory.equals(staging) || Files.isDirectory(directory)) {
      return;
    }
    if (!directory.startsWith(staging)) {
      throw new EngineException(ErrorCode.INTERNAL, "Output directory " + directory + " is outside the staging "
          + "directory " + staging + "; this is a bug");
    }
    createDirectories(directory.getParent());
    try {
      Files.createDirectory(directory);
    } catch (FileAlreadyExistsException e) {
      // another task of the job created it meanwhile
    } catch (IOException e) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "Cannot create output directory " + directory
          + " (was the job's staging directory removed?): " + e, e);
    }
  }

  /** The answer for the driver: the relative paths, UTF-8, one per line. */
  byte[] answer() {
    return String.join("\n", written).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
