package dev.sluice.engine.function;

import java.io.Serializable;

/**
 * Maps an element to a primitive long. It is serialized (with Kryo) and shipped to the executors, so it must be {@link
 * Serializable} and so must everything it captures.
 */
@FunctionalInterface
public interface MapToLongFunction<T> extends Serializable {
  long call(T value) throws Exception;
}
