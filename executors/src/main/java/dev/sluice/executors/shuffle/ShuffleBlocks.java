package dev.sluice.executors.shuffle;

import dev.sluice.scheduler.shuffle.MapStatus;
import java.io.IOException;

/**
 * Reads the bytes of one reduce partition of one map output: a sequence of encoded Arrow IPC
 * blocks, as {@link ShuffleWriteSink} wrote them. Local mode reads the file; a cluster executor
 * reads the files of its own worker directly and fetches the others over Arrow Flight.
 */
public interface ShuffleBlocks {
  /**
   * The partition's bytes (empty when the map task wrote nothing for it).
   *
   * @throws IOException when the output cannot be read (the caller turns it into a fetch failure)
   */
  byte[] read(MapStatus status, int partition) throws IOException;
}
