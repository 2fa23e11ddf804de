package dev.sluice.api;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import java.util.Locale;

/** What {@link DataFrameWriter} does when its target directory already holds data. */
public enum SaveMode {
  /** Fail with OUTPUT_EXISTS, before running anything (the default; an empty directory is fine). */
  ERROR_IF_EXISTS,
  /** Replace the target's contents with the new files, atomically once the job succeeded. */
  OVERWRITE,
  /** Add the new files (uniquely named) to the target's. */
  APPEND,
  /** Leave the target as it is and write nothing; the job is not run. */
  IGNORE;

  /**
   * The mode named as Spark names them, case-insensitively: {@code error}, {@code errorifexists}
   * or {@code default}, {@code overwrite}, {@code append}, {@code ignore}.
   *
   * @throws EngineException INVALID_ARGUMENT naming the accepted modes
   */
  public static SaveMode parse(String name) {
    switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
      case "error", "errorifexists", "default":
        return ERROR_IF_EXISTS;
      case "overwrite":
        return OVERWRITE;
      case "append":
        return APPEND;
      case "ignore":
        return IGNORE;
      default:
        throw new EngineException(ErrorCode.INVALID_ARGUMENT, "Unknown save mode '" + name
            + "'; accepted save modes are 'overwrite', 'append', 'ignore', 'error', 'errorifexists', 'default'");
    }
  }

  /** The name Spark prints, e.g. {@code errorIfExists}. */
  String displayName() {
    return switch (this) {
      case ERROR_IF_EXISTS -> "errorIfExists";
      case OVERWRITE -> "overwrite";
      case APPEND -> "append";
      case IGNORE -> "ignore";
    };
  }
}
