package dev.sluice.engine.function;

import java.io.Serializable;

/**
 * Consumes an element on an executor, for its side effects. It is serialized (with Kryo) and shipped to the executors, so it must be {@link
 * Serializable} and so must everything it captures.
 */
@FunctionalInterface
public interface ForeachFunction<T> extends Serializable {
  void call(T value) throws Exception;
}
