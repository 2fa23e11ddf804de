package dev.sluice.api;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The atomic commit of {@code saveAsTextFile}: tasks write into a hidden temporary directory
 * beside the target; when the job succeeds it gets a {@code _SUCCESS} marker and is renamed to the
 * target in one step; when it fails it is deleted. Either the whole output appears or nothing does.
 */
final class TextOutput {
  private static final int MAX_ABORT_ROUNDS = 1000;

  private final Path target;
  private final Path temporary;

  private TextOutput(Path target, Path temporary) {
    this.target = target;
    this.temporary = temporary;
  }

  /** Checks the target does not exist and creates the temporary directory; before any task runs. */
  static TextOutput begin(String directory) {
    Path target = Path.of(directory).toAbsolutePath().normalize();
    if (Files.exists(target)) {
      throw new EngineException(ErrorCode.OUTPUT_EXISTS, "Output directory " + target + " already exists");
    }
    Path parent = target.getParent();
    try {
      Files.createDirectories(parent);
      Path temporary = parent.resolve("." + target.getFileName() + ".sluice-temporary-" + UUID.randomUUID());
      Files.createDirectory(temporary);
      return new TextOutput(target, temporary);
    } catch (IOException e) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "Cannot create output directory " + target + ": " + e, e);
    }
  }

  String temporaryDirectory() {
    return temporary.toString();
  }

  /** Publishes the output: marker, then one atomic rename. */
  void commit() {
    try {
      Files.createFile(temporary.resolve("_SUCCESS"));
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      abort();
      throw new EngineException(ErrorCode.OUTPUT_EXISTS, "Cannot publish output directory " + target + ": " + e, e);
    }
  }

  /**
   * Deletes everything the job wrote. Tasks of the failed job may still be running and adding files
   * while this runs, so it deletes until the directory itself is gone: after that no task can create
   * anything in it.
   */
  void abort() {
    for (int round = 0; round < MAX_ABORT_ROUNDS && Files.exists(temporary, LinkOption.NOFOLLOW_LINKS); round++) {
      try (Stream<Path> paths = Files.walk(temporary)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        // a file vanished while walking (a task renamed or removed it): walk again
      }
    }
  }
}
