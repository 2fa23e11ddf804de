package dev.sluice.executors.shuffle;

import static java.util.Objects.requireNonNull;

import dev.sluice.executors.transfer.DataClient;
import dev.sluice.executors.transfer.ShuffleFileSource;
import dev.sluice.scheduler.shuffle.MapStatus;
import java.io.IOException;

/**
 * Reads reduce partitions on a cluster executor: map outputs written on this worker (their location
 * is this worker's data server, or none) straight from the files, the others over Arrow Flight from
 * the data server that wrote them ({@link ShuffleFileSource}), checked against the size the map
 * task reported.
 */
public final class ClusterShuffleBlocks implements ShuffleBlocks {
  private final DataClient client;
  private final String ownLocation;

  /**
   * @param client how other workers' data servers are reached
   * @param ownLocation this worker's data server, whose outputs are read locally
   */
  public ClusterShuffleBlocks(DataClient client, String ownLocation) {
    this.client = requireNonNull(client, "client is null");
    this.ownLocation = requireNonNull(ownLocation, "ownLocation is null");
  }

  @Override
  public byte[] read(MapStatus status, int partition) throws IOException {
    if (status.location() == null || status.location().equals(ownLocation)) {
      return LocalShuffleBlocks.INSTANCE.read(status, partition);
    }
    long expected = status.partitionBytes()[partition];
    if (expected == 0) {
      return new byte[0];
    }
    byte[] block = client.fetch(status.location(), ShuffleFileSource.ticket(status.dataFile(), partition));
    if (block.length != expected) {
      throw new IOException("the data server at " + status.location() + " sent " + block.length + " bytes of partition "
          + partition + " of " + status.dataFile() + " but the map task wrote " + expected);
    }
    return block;
  }
}
