package dev.sluice.scheduler.protocol;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.scheduler.shuffle.MapStatus;

/**
 * A reducer could not read a map task's shuffle output. Not the task's fault: the scheduler
 * re-runs the map task (lineage recovery) and then the reducer, without counting the reducer's
 * attempt as failed.
 */
public final class FetchFailedException extends EngineException {
  private static final long serialVersionUID = 1L;

  private final int shuffleId;
  private final int mapIndex;
  /** The registered output the reader failed to read (compared by value: it may be a copy from another JVM). */
  private final MapStatus output;
  /** Whether the reader found no output registered at all. */
  private final boolean noOutputRegistered;

  /** A failure without a record of which registered output the reader saw: always taken as a loss. */
  public FetchFailedException(int shuffleId, int mapIndex, String message, Throwable cause) {
    this(shuffleId, mapIndex, null, false, message, cause);
  }

  /**
   * A failure to read {@code output}, the output registered when the reader looked it up, or, when
   * {@code output} is null, a failure because none was registered.
   */
  public FetchFailedException(int shuffleId, int mapIndex, MapStatus output, String message, Throwable cause) {
    this(shuffleId, mapIndex, output, output == null, message, cause);
  }

  private FetchFailedException(int shuffleId, int mapIndex, MapStatus output, boolean noOutputRegistered,
      String message, Throwable cause) {
    super(ErrorCode.SHUFFLE_OUTPUT_LOST, "Cannot read the output of map task " + mapIndex + " of shuffle "
        + shuffleId + ": " + message, cause);
    this.shuffleId = shuffleId;
    this.mapIndex = mapIndex;
    this.output = output;
    this.noOutputRegistered = noOutputRegistered;
  }

  public int shuffleId() {
    return shuffleId;
  }

  public int mapIndex() {
    return mapIndex;
  }

  /**
   * Whether {@code registered}, the output registered now, was registered after the reader looked:
   * the reader found none, or failed on another (older) output. Such a failure is stale: the
   * output it missed has been recomputed meanwhile, and the reader only needs to run again.
   */
  public boolean isSupersededBy(MapStatus registered) {
    return registered != null && (noOutputRegistered || (output != null && !output.equals(registered)));
  }
}
