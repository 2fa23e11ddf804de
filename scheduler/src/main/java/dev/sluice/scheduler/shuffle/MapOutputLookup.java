package dev.sluice.scheduler.shuffle;

/**
 * How a reducer finds map outputs. In local mode it is the driver's {@link MapOutputRegistry}
 * itself; on a cluster worker it asks the driver over Arrow Flight (the answer can be larger than
 * an actor message). A reduce task looks each shuffle up once, when it starts reading it.
 */
public interface MapOutputLookup {
  /**
   * Every output of the shuffle by map index, null where missing; empty when the shuffle is not
   * known (a snapshot: later registrations are not seen).
   */
  MapStatus[] outputs(int shuffleId);
}
