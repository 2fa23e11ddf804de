package dev.sluice.engine.function;

import java.io.Serializable;

/**
 * Maps a primitive long to a primitive long, without boxing. It is serialized (with Kryo) and shipped to the executors, so it must be {@link
 * Serializable} and so must everything it captures.
 */
@FunctionalInterface
public interface LongMapFunction extends Serializable {
  long call(long value);
}
