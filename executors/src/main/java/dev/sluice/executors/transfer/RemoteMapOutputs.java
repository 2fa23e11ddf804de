package dev.sluice.executors.transfer;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import dev.sluice.engine.serde.KryoSerde;
import dev.sluice.scheduler.shuffle.MapOutputLookup;
import dev.sluice.scheduler.shuffle.MapStatus;
import java.io.IOException;

/**
 * A cluster executor's view of the driver's map output registry: each lookup fetches the shuffle's
 * outputs from the driver's data server ({@link MapOutputSource}). Not cached, since outputs change
 * as lost ones are recomputed; a reduce task looks each shuffle up once.
 *
 * <p>A lookup that fails throws an {@link EngineException} with {@link
 * ErrorCode#SHUFFLE_OUTPUT_LOST}. The shuffle reader calls the lookup outside its fetch-failure
 * handling, so this fails the task attempt as an ordinary failure (retried up to {@code
 * sluice.task.maxAttempts}), not as a fetch failure: no map output is known to be lost, the driver
 * was not reachable.
 */
public final class RemoteMapOutputs implements MapOutputLookup {
  private final DataClient client;
  private final String driverLocation;

  public RemoteMapOutputs(DataClient client, String driverLocation) {
    this.client = requireNonNull(client, "client is null");
    this.driverLocation = requireNonNull(driverLocation, "driverLocation is null");
  }

  @Override
  public MapStatus[] outputs(int shuffleId) {
    byte[] bytes;
    try {
      bytes = client.fetch(driverLocation, MapOutputSource.PREFIX + "/" + shuffleId);
    } catch (IOException e) {
      throw new EngineException(ErrorCode.SHUFFLE_OUTPUT_LOST, "Cannot look up the map outputs of shuffle " + shuffleId
          + " on the driver: " + e.getMessage(), e);
    }
    Object outputs = KryoSerde.deserialize(bytes);
    if (!(outputs instanceof MapStatus[] statuses)) {
      throw new EngineException(ErrorCode.INTERNAL, "The driver at " + driverLocation + " answered the map outputs of"
          + " shuffle " + shuffleId + " with " + (outputs == null ? "null" : outputs.getClass().getName()));
    }
    return statuses;
  }
}
