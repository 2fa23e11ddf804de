package dev.sluice.engine.function;

import java.io.Serializable;

/**
 * Keeps the elements for which it returns true. It is serialized (with Kryo) and shipped to the executors, so it must be {@link
 * Serializable} and so must everything it captures.
 */
@FunctionalInterface
public interface FilterFunction<T> extends Serializable {
  boolean call(T value) throws Exception;
}
