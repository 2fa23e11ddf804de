package dev.sluice.engine.relational.planner;

/**
 * What the relational planner needs from the session's configuration.
 *
 * @param shufflePartitions partitions of aggregation, join and sort exchanges
 *     ({@code sluice.sql.shuffle.partitions})
 * @param broadcastThresholdBytes the estimated size below which a join side is broadcast
 *     ({@code sluice.sql.autoBroadcastJoinThreshold}; -1 disables broadcasting)
 * @param maxSplitBytes the largest byte range of a splittable file (CSV, JSON, text) one task reads
 *     ({@code sluice.files.maxPartitionBytes})
 */
public record PlannerSettings(int shufflePartitions, long broadcastThresholdBytes, long maxSplitBytes) {
  public PlannerSettings {
    if (shufflePartitions < 1) {
      throw new IllegalArgumentException("shufflePartitions must be at least 1, got " + shufflePartitions);
    }
    if (maxSplitBytes < 1) {
      throw new IllegalArgumentException("maxSplitBytes must be at least 1, got " + maxSplitBytes);
    }
  }
}
