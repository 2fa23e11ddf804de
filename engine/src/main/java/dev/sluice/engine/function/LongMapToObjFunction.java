package dev.sluice.engine.function;

import java.io.Serializable;

/**
 * Maps a primitive long to an element. It is serialized (with Kryo) and shipped to the executors, so it must be {@link
 * Serializable} and so must everything it captures.
 */
@FunctionalInterface
public interface LongMapToObjFunction<R> extends Serializable {
  R call(long value) throws Exception;
}
