package dev.sluice.api;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The driver half of {@code df.write()}: the save mode's check, the staging directory, and the
 * commit that makes a write all-or-nothing.
 *
 * <ol>
 *   <li>Before anything runs, the target is checked against the mode (errorIfExists and a
 *       non-empty target: OUTPUT_EXISTS; ignore and a non-empty target: nothing runs) and a staging
 *       directory {@code <parent>/.<name>-staging-<uuid>} is created beside the target, on the same
 *       file system, so the renames below are atomic.
 *   <li>The job's tasks write into the staging directory and answer the files they wrote.
 *   <li>On success only the answered files (one successful attempt per partition; leftovers of
 *       failed attempts stay behind) are renamed to {@code part-<partition>-<uuid>-c<n>.<ext>}:
 *       <ul>
 *         <li>into a fresh directory with a {@code _SUCCESS} marker, which then replaces the target
 *             in two renames (old target aside, new one in; the old one is deleted after) — for a
 *             new or empty target, and for overwrite;
 *         <li>or, for append to a non-empty target, straight into the target (the uuid makes the
 *             names unique), plus a {@code _SUCCESS} marker; if a rename fails the files already
 *             added are removed again.
 *       </ul>
 *   <li>Whatever happens, the staging directory is deleted; on failure the target is as before.
 * </ol>
 */
final class FileCommit {
  private static final int MAX_ABORT_ROUNDS = 1000;
  static final String SUCCESS_MARKER = "_SUCCESS";

  private final Path target;
  private final Path staging;
  private final SaveMode mode;
  private final String writeId;
  /** Set when the old target could not be put back: the staging directory then holds it. */
  private boolean keepStaging;

  /** What is at the target path. */
  private enum TargetState { ABSENT, EMPTY_DIRECTORY, NON_EMPTY_DIRECTORY, FILE }

  private FileCommit(Path target, Path staging, SaveMode mode, String writeId) {
    this.target = target;
    this.staging = staging;
    this.mode = mode;
    this.writeId = writeId;
  }

  /**
   * Writes {@code directory} in {@code mode}: checks the mode, runs {@code job} with the staging
   * directory (it returns every partition's answer: relative paths, one per line), commits.
   *
   * @return false if the mode is ignore and the target holds data (the job did not run)
   */
  static boolean write(String directory, SaveMode mode, Function<String, List<byte[]>> job) {
    FileCommit commit = begin(directory, mode);
    if (commit == null) {
      return false;
    }
    List<byte[]> answers;
    try {
      answers = job.apply(commit.staging.toString());
    } catch (RuntimeException | Error e) {
      commit.abort();
      throw e;
    }
    return commit.commit(answers);
  }

  /** Checks the target against the mode and creates the staging directory; null: ignore, skip. */
  static FileCommit begin(String directory, SaveMode mode) {
    Path target = Path.of(directory).toAbsolutePath().normalize();
    Path parent = target.getParent();
    if (parent == null) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "Cannot write to the root directory " + target);
    }
    TargetState state = state(target);
    if (holdsData(state)) {
      switch (mode) {
        case ERROR_IF_EXISTS -> throw exists(target);
        case IGNORE -> {
          return null;
        }
        case APPEND -> {
          if (state == TargetState.FILE) {
            throw new EngineException(ErrorCode.INVALID_ARGUMENT, "Cannot append to " + target
                + ": it is a file, not a directory");
          }
        }
        case OVERWRITE -> {
          // replaced at commit
        }
      }
    }
    String writeId = UUID.randomUUID().toString();
    try {
      Files.createDirectories(parent);
      Path staging = Files.createDirectory(parent.resolve("." + target.getFileName() + "-staging-" + writeId));
      return new FileCommit(target, staging, mode, writeId);
    } catch (IOException e) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "Cannot create a staging directory beside the output "
          + "directory " + target + ": " + e, e);
    }
  }

  String stagingDirectory() {
    return staging.toString();
  }

  /**
   * Publishes the answered files as the mode says, then deletes the staging directory; on failure
   * restores the target, deletes the staging directory and throws.
   *
   * @return false if the mode is ignore and the target got data while the job ran (nothing written)
   */
  boolean commit(List<byte[]> answers) {
    try {
      List<Move> moves = moves(answers);
      TargetState state = state(target);
      if (mode == SaveMode.APPEND && state == TargetState.NON_EMPTY_DIRECTORY) {
        append(moves);
      } else {
        if (holdsData(state) && mode == SaveMode.ERROR_IF_EXISTS) {
          throw exists(target);
        }
        if (holdsData(state) && mode == SaveMode.IGNORE) {
          return false;
        }
        replace(state, moves);
      }
      return true;
    } catch (IOException | UncheckedIOException e) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "Cannot commit output directory " + target
          + " (it is as it was before the write): " + e, e);
    } finally {
      if (!keepStaging) {
        abort();
      }
    }
  }

  /** A file to publish: where a task wrote it, and its path relative to the target. */
  private record Move(Path source, String relative) {}

  private List<Move> moves(List<byte[]> answers) {
    List<Move> moves = new ArrayList<>();
    for (int partition = 0; partition < answers.size(); partition++) {
      String answer = new String(answers.get(partition), StandardCharsets.UTF_8);
      if (answer.isEmpty()) {
        continue;
      }
      String[] files = answer.split("\n");
      for (int n = 0; n < files.length; n++) {
        String written = files[n];
        Path source = staging.resolve(written).normalize();
        if (!source.startsWith(staging) || !Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
          throw new EngineException(ErrorCode.INTERNAL, "Task of partition " + partition + " answered file '"
              + written + "', which is not in the staging directory " + staging + "; this is a bug");
        }
        int slash = written.lastIndexOf('/');
        String extension = written.substring(written.lastIndexOf('.') + 1);
        String name = String.format("part-%05d-%s-c%03d.%s", partition, writeId, n, extension);
        moves.add(new Move(source, slash < 0 ? name : written.substring(0, slash + 1) + name));
      }
    }
    return moves;
  }

  /** Builds the new directory inside the staging directory, then swaps it with the target. */
  private void replace(TargetState state, List<Move> moves) throws IOException {
    Path ready = Files.createDirectory(staging.resolve("_commit"));
    for (Move move : moves) {
      Path destination = ready.resolve(move.relative());
      Files.createDirectories(destination.getParent());
      Files.move(move.source(), destination, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.createFile(ready.resolve(SUCCESS_MARKER));
    Path old = null;
    if (state != TargetState.ABSENT) {
      old = staging.resolve("_old");
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    }
    try {
      Files.move(ready, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (old != null) {
        try {
          Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException restore) {
          keepStaging = true;
          e.addSuppressed(restore);
          throw new EngineException(ErrorCode.INVALID_ARGUMENT, "Cannot commit output directory " + target + ": "
              + e + "; and its old contents could not be moved back: they are in " + old, e);
        }
      }
      throw e;
    }
  }

  /** Adds the files to the existing target; removes those it added if one cannot be added. */
  private void append(List<Move> moves) throws IOException {
    List<Path> added = new ArrayList<>();
    List<Path> created = new ArrayList<>();
    try {
      for (Move move : moves) {
        Path destination = target.resolve(move.relative());
        createDirectories(destination.getParent(), created);
        Files.move(move.source(), destination, StandardCopyOption.ATOMIC_MOVE);
        added.add(destination);
      }
      Path marker = target.resolve(SUCCESS_MARKER);
      if (!Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
        Files.createFile(marker);
      }
    } catch (IOException | RuntimeException e) {
      for (Path file : added) {
        Files.deleteIfExists(file);
      }
      for (int i = created.size() - 1; i >= 0; i--) {
        Files.deleteIfExists(created.get(i));
      }
      throw e;
    }
  }

  /** Creates {@code directory} and its missing parents, recording each one it created. */
  private static void createDirectories(Path directory, List<Path> created) throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    createDirectories(directory.getParent(), created);
    created.add(Files.createDirectory(directory));
  }

  /**
   * Deletes the staging directory. Tasks of a failed job may still be running and adding files
   * while this runs, so it deletes until the directory itself is gone: after that no task can
   * create anything in it (tasks never create the staging directory itself).
   */
  void abort() {
    for (int round = 0; round < MAX_ABORT_ROUNDS && Files.exists(staging, LinkOption.NOFOLLOW_LINKS); round++) {
      try (Stream<Path> paths = Files.walk(staging)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        // a file vanished while walking (a task renamed or removed it): walk again
      }
    }
  }

  private static TargetState state(Path target) {
    if (!Files.exists(target)) {
      return TargetState.ABSENT;
    }
    if (!Files.isDirectory(target)) {
      return TargetState.FILE;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(target)) {
      return entries.iterator().hasNext() ? TargetState.NON_EMPTY_DIRECTORY : TargetState.EMPTY_DIRECTORY;
    } catch (IOException e) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "Cannot read output directory " + target + ": " + e, e);
    }
  }

  private static boolean holdsData(TargetState state) {
    return state == TargetState.NON_EMPTY_DIRECTORY || state == TargetState.FILE;
  }

  private static EngineException exists(Path target) {
    return new EngineException(ErrorCode.OUTPUT_EXISTS, "Output path " + target + " already exists and is not "
        + "empty (save mode errorIfExists); use mode(\"overwrite\") to replace it or mode(\"append\") to add to it");
  }
}
