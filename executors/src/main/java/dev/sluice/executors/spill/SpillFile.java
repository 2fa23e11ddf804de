package dev.sluice.executors.spill;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.exec.OperatorContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * One spill file: a temporary file in the task's spill directory that holds row objects as Arrow
 * IPC batches. It is written once by a {@link SpillWriter} and read back, one batch at a time, by a
 * {@link SpillReader}. The operator that created it deletes it with {@link #delete()}, which counts
 * its size as the task's spilled bytes.
 *
 * <p>Files are named after the task (its name with every character other than letters, digits,
 * {@code .}, {@code _} and {@code -} replaced by {@code _}), the operator and a process-wide
 * counter, e.g. {@code job-0_stage-0_task-0.0-Sort-7-1234.spill}.
 */
public final class SpillFile {
  private static final AtomicLong COUNTER = new AtomicLong();
  private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

  /** Where the file lies. */
  private final Path path;
  /** The task's allocator and batch size, for writing and reading. */
  private final OperatorContext context;
  /** Set once the file was deleted. */
  private boolean deleted;

  private SpillFile(Path path, OperatorContext context) {
    this.path = path;
    this.context = context;
  }

  /**
   * Creates a new, empty spill file in {@code context.spillDirectory()}, creating the directory if
   * it is missing.
   *
   * @throws EngineException with {@link ErrorCode#SPILL_FAILED} if the file cannot be created
   */
  public static SpillFile create(OperatorContext context, String operator) {
    requireNonNull(context, "context is null");
    requireNonNull(operator, "operator is null");
    String prefix = sanitize(context.taskName()) + "-" + sanitize(operator) + "-" + COUNTER.incrementAndGet() + "-";
    try {
      Files.createDirectories(context.spillDirectory());
      return new SpillFile(Files.createTempFile(context.spillDirectory(), prefix, ".spill"), context);
    } catch (IOException | RuntimeException e) {
      throw new EngineException(ErrorCode.SPILL_FAILED, "Task " + context.taskName() + ": " + operator
          + " cannot create a spill file in " + context.spillDirectory() + ": " + e, e);
    }
  }

  static String sanitize(String name) {
    return UNSAFE.matcher(name).replaceAll("_");
  }

  public Path path() {
    return path;
  }

  /**
   * A writer that fills this file with rows; the caller closes it.
   *
   * @param rowClass the expected class of the rows (an encoding hint), or Object.class
   */
  public SpillWriter writer(Class<?> rowClass) {
    return new SpillWriter(this, rowClass, context);
  }

  /** A reader of the rows written, in order; the caller closes it. */
  public SpillReader reader() {
    return new SpillReader(this, context);
  }

  /** The bytes the file holds now (0 once deleted). */
  public long sizeInBytes() {
    try {
      return deleted ? 0 : Files.size(path);
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * Deletes the file, first counting the bytes it holds as the task's spill ({@code
   * TaskCounters#addSpillBytes}: every spill file is written once and deleted by the operator that
   * made it, at the latest when the operator closes); safe to call more than once. Failing to
   * delete is not an error of the task.
   */
  public void delete() {
    if (!deleted) {
      context.counters().addSpillBytes(sizeInBytes());
      deleted = true;
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        // the executor removes the whole spill directory with the session
      }
    }
  }

  /** The error for a failed read or write of this file. */
  EngineException failure(String action, Exception cause) {
    return new EngineException(ErrorCode.SPILL_FAILED,
        "Task " + context.taskName() + " cannot " + action + " spill file " + path + ": " + cause, cause);
  }

  @Override
  public String toString() {
    return "SpillFile[" + path + "]";
  }
}
