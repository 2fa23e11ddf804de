package dev.sluice.scheduler.protocol;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;

/**
 * A reducer could not read a map task's shuffle output. Not the task's fault: the scheduler
 * re-runs the map task (lineage recovery) and then the reducer, without counting the reducer's
 * attempt as failed.
 */
public final class FetchFailedException extends EngineException {
  private static final long serialVersionUID = 1L;

  private final int shuffleId;
  private final int mapIndex;

  public FetchFailedException(int shuffleId, int mapIndex, String message, Throwable cause) {
    super(ErrorCode.SHUFFLE_OUTPUT_LOST, "Cannot read the output of map task " + mapIndex + " of shuffle "
        + shuffleId + ": " + message, cause);
    this.shuffleId = shuffleId;
    this.mapIndex = mapIndex;
  }

  public int shuffleId() {
    return shuffleId;
  }

  public int mapIndex() {
    return mapIndex;
  }
}
