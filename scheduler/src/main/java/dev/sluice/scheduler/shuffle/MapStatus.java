package dev.sluice.scheduler.shuffle;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * Where one map task's shuffle output is and how big each reduce partition of it is.
 *
 * @param executorId the executor that wrote it (its output is lost with it)
 * @param dataFile the data file; the index file sits beside it
 * @param partitionBytes bytes of each reduce partition in the data file
 */
public record MapStatus(String executorId, String dataFile, long[] partitionBytes) {
  public MapStatus {
    requireNonNull(executorId, "executorId is null");
    requireNonNull(dataFile, "dataFile is null");
    partitionBytes = requireNonNull(partitionBytes, "partitionBytes is null").clone();
  }

  public long totalBytes() {
    return Arrays.stream(partitionBytes).sum();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MapStatus status && status.executorId.equals(executorId)
        && status.dataFile.equals(dataFile) && Arrays.equals(status.partitionBytes, partitionBytes);
  }

  @Override
  public int hashCode() {
    return dataFile.hashCode();
  }

  @Override
  public String toString() {
    return "MapStatus[" + executorId + ", " + dataFile + ", " + totalBytes() + " bytes]";
  }
}
