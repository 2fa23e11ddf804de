package dev.sluice.executors.transfer;

import static java.util.Objects.requireNonNull;

import dev.sluice.executors.runtime.TaskChannel;
import dev.sluice.scheduler.protocol.TaskDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A cluster executor's {@link TaskChannel}, the other side of {@link DriverPayloads}: a binary
 * kept on the driver is fetched from the driver's data server; a result above the inline limit is
 * put there under a name unique to the attempt, and the outcome message carries only that
 * reference. Called on task threads; a transfer that fails throws {@link UncheckedIOException},
 * which fails the attempt like any other task failure.
 */
public final class ExecutorPayloads implements TaskChannel {
  private final DataClient client;
  private final String driverLocation;
  private final int inlineLimitBytes;

  /**
   * @param client how the driver's data server is reached
   * @param driverLocation the driver's data server
   * @param inlineLimitBytes the largest result that travels inline ({@link
   *     DriverPayloads#DEFAULT_INLINE_LIMIT_BYTES})
   */
  public ExecutorPayloads(DataClient client, String driverLocation, int inlineLimitBytes) {
    this.client = requireNonNull(client, "client is null");
    this.driverLocation = requireNonNull(driverLocation, "driverLocation is null");
    if (inlineLimitBytes < 0) {
      throw new IllegalArgumentException("inlineLimitBytes must not be negative, got " + inlineLimitBytes);
    }
    this.inlineLimitBytes = inlineLimitBytes;
  }

  @Override
  public byte[] binary(TaskDescriptor task) {
    if (task.binaryRef() == null) {
      return task.binary();
    }
    try {
      return client.fetch(driverLocation, task.binaryRef());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot fetch the work of task " + task + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Result deliver(TaskDescriptor task, byte[] result) {
    if (result.length <= inlineLimitBytes) {
      return new Result(result, null);
    }
    String ref = DriverPayloads.resultRef(task.key(), task.attempt());
    try {
      client.put(driverLocation, ref, result);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot deliver the result of task " + task + " (" + result.length + " bytes): "
          + e.getMessage(), e);
    }
    return new Result(new byte[0], ref);
  }
}
