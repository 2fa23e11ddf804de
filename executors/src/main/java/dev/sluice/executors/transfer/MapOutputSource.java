package dev.sluice.executors.transfer;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.serde.KryoSerde;
import dev.sluice.scheduler.shuffle.MapOutputRegistry;
import java.io.ByteArrayInputStream;
import java.io.InputStream;

/**
 * Serves the driver's {@link MapOutputRegistry} to cluster executors under the prefix {@value
 * #PREFIX}: the name {@code <shuffleId>} answers the shuffle's outputs as a Kryo-serialized
 * {@code MapStatus[]} (a snapshot; empty when the shuffle is not known), which {@link
 * RemoteMapOutputs} reads.
 */
public final class MapOutputSource implements BlobSource {
  public static final String PREFIX = "map-outputs";

  private final MapOutputRegistry registry;

  public MapOutputSource(MapOutputRegistry registry) {
    this.registry = requireNonNull(registry, "registry is null");
  }

  @Override
  public InputStream open(String rest) {
    int shuffleId;
    try {
      shuffleId = Integer.parseInt(rest);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a shuffle id but got '" + rest + "'");
    }
    return new ByteArrayInputStream(KryoSerde.serialize(registry.outputs(shuffleId)));
  }
}
