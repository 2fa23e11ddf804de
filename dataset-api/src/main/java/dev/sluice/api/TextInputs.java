package dev.sluice.api;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.plan.split.FileSplit;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a text input (a file, a directory of files, or a glob in the last path component) to
 * files and cuts them into splits, as Hadoop's FileInputFormat does: the goal size is the total size
 * over {@code minPartitions}, capped at the block size; a file's last split may be up to 10% larger
 * rather than leave a tiny one. Missing inputs fail here, before any task runs.
 */
final class TextInputs {
  private static final double SPLIT_SLOP = 1.1;

  private TextInputs() {}

  static List<FileSplit> splits(String pathOrGlob, int minPartitions, long blockBytes) {
    List<Path> files = resolve(pathOrGlob);
    long total = 0;
    for (Path file : files) {
      total += size(file);
    }
    long goal = Math.max(1, total / minPartitions);
    long splitSize = Math.max(1, Math.min(goal, blockBytes));
    List<FileSplit> splits = new ArrayList<>();
    for (Path file : files) {
      long length = size(file);
      long offset = 0;
      while ((double) (length - offset) / splitSize > SPLIT_SLOP) {
        splits.add(new FileSplit(file.toString(), offset, splitSize));
        offset += splitSize;
      }
      if (length - offset > 0) {
        splits.add(new FileSplit(file.toString(), offset, length - offset));
      }
    }
    if (splits.isEmpty()) {
      splits.add(new FileSplit(files.get(0).toString(), 0, 0));
    }
    return splits;
  }

  private static List<Path> resolve(String pathOrGlob) {
    if (pathOrGlob == null || pathOrGlob.isBlank()) {
      throw new EngineException(ErrorCode.INVALID_ARGUMENT, "textFile needs a path, got '" + pathOrGlob + "'");
    }
    Path path = Path.of(pathOrGlob).toAbsolutePath().normalize();
    String last = path.getFileName() == null ? "" : path.getFileName().toString();
    List<Path> files = new ArrayList<>();
    try {
      if (last.matches(".*[*?\\[{].*")) {
        Path dir = path.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
          throw new EngineException(ErrorCode.INPUT_NOT_FOUND,
              "Input path does not exist: directory " + dir + " of glob " + pathOrGlob);
        }
        try (DirectoryStream<Path> matches = Files.newDirectoryStream(dir, last)) {
          matches.forEach(match -> {
            if (Files.isRegularFile(match)) {
              files.add(match);
            }
          });
        }
        if (files.isEmpty()) {
          throw new EngineException(ErrorCode.INPUT_NOT_FOUND, "Input glob " + pathOrGlob + " matched no files");
        }
      } else if (Files.isDirectory(path)) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
          entries.forEach(entry -> {
            String name = entry.getFileName().toString();
            if (Files.isRegularFile(entry) && !name.startsWith(".") && !name.startsWith("_")) {
              files.add(entry);
            }
          });
        }
        if (files.isEmpty()) {
          throw new EngineException(ErrorCode.INPUT_NOT_FOUND, "Input directory " + path + " has no files");
        }
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      } else {
        throw new EngineException(ErrorCode.INPUT_NOT_FOUND, "Input path does not exist: " + path);
      }
    } catch (IOException e) {
      throw new EngineException(ErrorCode.INPUT_NOT_FOUND, "Cannot list input " + pathOrGlob + ": " + e, e);
    }
    files.sort(null);
    for (Path file : files) {
      if (!Files.isReadable(file)) {
        throw new EngineException(ErrorCode.INPUT_NOT_FOUND, "Input file " + file + " is not readable");
      }
    }
    return files;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new EngineException(ErrorCode.INPUT_NOT_FOUND, "Cannot read the size of " + file + ": " + e, e);
    }
  }
}
