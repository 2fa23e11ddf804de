package dev.sluice.scheduler.protocol;

/**
 * What one task attempt measured about itself.
 *
 * @param rowsOut rows that reached the task's sink
 * @param runNanos time from start to end of the attempt on its executor thread
 * @param peakMemoryBytes the most Arrow memory its allocator held at once
 * @param resultBytes size of the result sent back to the driver
 * @param droppedRecords malformed input records dropped by DROPMALFORMED reads
 */
public record TaskMetrics(long rowsOut, long runNanos, long peakMemoryBytes, long resultBytes, long droppedRecords) {}
