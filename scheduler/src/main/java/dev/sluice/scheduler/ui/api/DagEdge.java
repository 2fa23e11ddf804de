package dev.sluice.scheduler.ui.api;

/**
 * A shuffle from a parent stage to a stage that reads it.
 *
 * @param from the parent (map) stage
 * @param to the reading stage
 * @param shuffleId the shuffle the parent writes
 * @param rows rows the parent's map tasks wrote: the sum of {@code rowsOut} over the latest
 *     successful attempt of each of its partitions
 * @param bytes shuffle bytes they wrote, summed the same way
 */
public record DagEdge(int from, int to, int shuffleId, long rows, long bytes) {}
