package dev.sluice.api;

import dev.sluice.engine.config.SluiceConfig;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A session's own work directory for shuffle files and spills: a fresh directory under {@code
 * sluice.local.dir} (or java.io.tmpdir), deleted with everything in it when the session closes.
 */
final class LocalDirectory {
  private final Path path;

  private LocalDirectory(Path path) {
    this.path = path;
  }

  static LocalDirectory create(String configured, String appName) {
    Path parent = Path.of(configured != null ? configured : System.getProperty("java.io.tmpdir"));
    try {
      Files.createDirectories(parent);
      return new LocalDirectory(Files.createTempDirectory(parent,
          "sluice-" + appName.replaceAll("[^A-Za-z0-9_-]", "-") + "-"));
    } catch (IOException | RuntimeException e) {
      throw SluiceConfig.invalid(SluiceConfig.LOCAL_DIR, String.valueOf(parent),
          "a writable directory (" + e.getMessage() + ")");
    }
  }

  Path path() {
    return path;
  }

  /** Deletes the directory and everything in it. */
  void delete() {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(path)) {
      paths.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException | RuntimeException e) {
      throw new EngineException(ErrorCode.INTERNAL, "Cannot delete the work directory " + path + ": " + e, e);
    }
  }
}
