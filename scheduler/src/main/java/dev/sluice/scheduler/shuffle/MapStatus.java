package dev.sluice.scheduler.shuffle;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where one map task's shuffle output is and how big each reduce partition of it is. Two statuses
 * are equal when they describe the same written output, so a copy that crossed JVMs compares equal
 * to the driver's original, while a recomputation (which may write a file of the same name, e.g. the
 * same attempt number in a re-run of the stage) never equals the output it replaces: each written
 * output draws its own {@code nonce}.
 *
 * @param executorId the executor that wrote it (its output is lost with it)
 * @param location the Arrow Flight address of the data server that serves the file to other
 *     machines ({@code grpc+tls://host:port}), or null in local mode, where every reader reads the
 *     file itself
 * @param dataFile the data file (absolute path on the writer's machine); the index file sits beside it
 * @param partitionBytes bytes of each reduce partition in the data file
 * @param nonce a random number drawn when the output was written
 */
public record MapStatus(String executorId, String location, String dataFile, long[] partitionBytes, long nonce)
    implements Serializable {
  public MapStatus {
    requireNonNull(executorId, "executorId is null");
    requireNonNull(dataFile, "dataFile is null");
    partitionBytes = requireNonNull(partitionBytes, "partitionBytes is null").clone();
  }

  /** A newly written output. */
  public MapStatus(String executorId, String location, String dataFile, long[] partitionBytes) {
    this(executorId, location, dataFile, partitionBytes, ThreadLocalRandom.current().nextLong());
  }

  /** A newly written output of local mode: the file is read where it was written. */
  public MapStatus(String executorId, String dataFile, long[] partitionBytes) {
    this(executorId, null, dataFile, partitionBytes);
  }

  public long totalBytes() {
    return Arrays.stream(partitionBytes).sum();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MapStatus status && status.executorId.equals(executorId)
        && status.nonce == nonce && Objects.equals(status.location, location) && status.dataFile.equals(dataFile) && Arrays.equals(status.partitionBytes, partitionBytes);
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
