package dev.sluice.scheduler.shuffle;

/**
 * How a reducer finds map outputs. In local mode it is the driver's {@link MapOutputRegistry}
 * itself; on a cluster worker it asks the driver (over Arrow Flight, the answer can be large) and
 * caches the answer for the task.
 */
public interface MapOutputLookup {
  /** The output of one map task, or null when it is missing. */
  MapStatus output(int shuffleId, int mapIndex);
}
